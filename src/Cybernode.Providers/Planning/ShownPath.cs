namespace Cybernode.Providers.Planning;

/// <summary>A path as a user would type it in <c>workingDirectory</c>: relative when below it, else whole (never "../../..").</summary>
public static class ShownPath
{
    public static string From(string workingDirectory, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(workingDirectory), path);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}

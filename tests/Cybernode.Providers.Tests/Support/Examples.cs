namespace Cybernode.Providers.Tests.Support;

/// <summary>The services of examples/two-phase, copied out so a test's bin folder never lands in the repository.</summary>
public static class Examples
{
    public static string TwoPhase => Path.Combine(RepoPaths.Examples, "two-phase");

    /// <summary>Copies service <paramref name="name"/> into <paramref name="into"/> and returns the copy's folder.</summary>
    public static string CopyService(string name, string into)
    {
        var source = Path.Combine(TwoPhase, name);
        var target = Path.Combine(into, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }
}

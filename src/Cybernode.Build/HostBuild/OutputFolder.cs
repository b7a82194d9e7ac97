namespace Cybernode.Build.HostBuild;

internal static class OutputFolder
{
    /// <summary>Every build stage starts from an empty bin, so nothing of an earlier build can pass for this one's output.</summary>
    public static void Empty(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }

    public static bool IsEmpty(string folder) => !Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any();
}

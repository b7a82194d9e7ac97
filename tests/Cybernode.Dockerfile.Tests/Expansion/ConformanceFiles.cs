namespace Cybernode.Dockerfile.Tests.Expansion;

/// <summary>Locates BuildKit's test vectors in the shared folder that sits beside the repository clone.</summary>
internal static class ConformanceFiles
{
    public static string ShellFile(string name) =>
        Path.Combine(RepositoryRoot(), "..", "shared", "conformance", "buildkit", "shell", name);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cybernode.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Cybernode.slnx above {AppContext.BaseDirectory}.");
    }
}

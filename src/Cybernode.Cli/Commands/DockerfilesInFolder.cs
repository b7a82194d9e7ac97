using Cybernode.Build;
using Cybernode.Build.Workspaces;

namespace Cybernode.Cli.Commands;

/// <summary>The Dockerfiles of one folder, by the names tools give them: what <c>dockerfile lint FOLDER</c> reads.</summary>
public static class DockerfilesInFolder
{
    public const string Names = "Dockerfile, Dockerfile-build, Containerfile, *.Dockerfile, Dockerfile.*";

    /// <summary>The Dockerfiles directly in <paramref name="folder"/>, in name order; at least one.</summary>
    public static IReadOnlyList<string> Find(string folder)
    {
        var found = Directory.EnumerateFiles(folder)
            .Where(path => IsDockerfileName(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return found.Count > 0
            ? found
            : throw new UserError("no Dockerfile in this folder", folder, hint: $"lint reads the files named {Names}; give any other file by its path");
    }

    private static bool IsDockerfileName(string name) =>
        name is Service.RunDockerfileName or Service.BuildDockerfileName or "Containerfile"
        || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Dockerfile.", StringComparison.Ordinal);
}

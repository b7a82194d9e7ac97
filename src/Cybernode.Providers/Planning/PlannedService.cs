namespace Cybernode.Providers.Planning;

/// <summary>
/// What a dry run needs to know of a service: its folder (absolute), the two image names, whether
/// it has a Dockerfile-build (else whether a 01build.sh runs on the host), and the build image's
/// CMD when it is known (buildah must spell it out).
/// </summary>
public sealed record PlannedService(string Name, string Folder, string BuildImage, string RunImage, bool HasBuildDockerfile)
{
    public const string BuildDockerfileName = "Dockerfile-build";
    public const string RunDockerfileName = "Dockerfile";
    public const string OutputFolderName = "bin";
    public const string BuildScriptName = "01build.sh";

    public IReadOnlyList<string>? BuildCommand { get; init; }

    /// <summary>A 01build.sh that runs on the host when there is no Dockerfile-build.</summary>
    public bool HasBuildScript { get; init; }

    /// <summary>Named caches mounted into the build run: volume name to path in the container.</summary>
    public IReadOnlyDictionary<string, string> CacheVolumes { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The run image is assembled by cybernode in-process rather than built by the engine.</summary>
    public bool RunImageInProcess { get; init; }

    /// <summary>The build's --build-arg values, which every engine build gets.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The build's secrets, by id and where their values are (never the values).</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>Dockerfile-build is built without the engine's layer cache.</summary>
    public bool NoCache { get; init; }

    /// <summary>Further names of the run image, e.g. cybernode/hello:v1.</summary>
    public IReadOnlyList<string> ExtraNames { get; init; } = [];
}

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

    /// <summary>How 01build.sh runs in its folder: <c>./01build.sh</c> (by its #! line) when executable, else through sh.</summary>
    public IReadOnlyList<string> BuildScriptCommand { get; init; } = ["/bin/sh", BuildScriptName];

    /// <summary>Images of cybernode's store that the engine's build of Dockerfile-build starts FROM: exported from the store and loaded into the engine first.</summary>
    public IReadOnlyList<string> BuildBases { get; init; } = [];

    /// <summary>Images of cybernode's store that the engine's build of the run Dockerfile starts FROM (<c>--assembler engine</c>), loaded likewise.</summary>
    public IReadOnlyList<string> RunBases { get; init; } = [];

    /// <summary>cybernode's image store, which bases are exported from.</summary>
    public string Store { get; init; } = "";

    /// <summary>The folder the build keeps the archives it loads into the engine in, for as long as a load takes.</summary>
    public string ScratchFolder { get; init; } = "";

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

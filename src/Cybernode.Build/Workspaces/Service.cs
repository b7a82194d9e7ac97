namespace Cybernode.Build.Workspaces;

/// <summary>A folder of the workspace holding a Dockerfile: one image of the cluster.</summary>
public sealed record Service(string Name, string RelativePath, string Folder, string Namespace)
{
    public const string RunDockerfileName = "Dockerfile";
    public const string BuildDockerfileName = "Dockerfile-build";
    public const string BuildScriptName = "01build.sh";
    public const string OutputFolderName = "bin";

    public string DockerfilePath => Path.Combine(Folder, RunDockerfileName);

    public string BuildDockerfilePath => Path.Combine(Folder, BuildDockerfileName);

    public string BuildScriptPath => Path.Combine(Folder, BuildScriptName);

    /// <summary>Where the build stage leaves binaries: mounted at /build in a build run, BUILD_DIR on the host.</summary>
    public string OutputFolder => Path.Combine(Folder, OutputFolderName);

    public bool HasBuildDockerfile => File.Exists(BuildDockerfilePath);

    /// <summary>The Dockerfiles that name images this service needs: the build one (if any), then the run one.</summary>
    public IReadOnlyList<string> DockerfilePaths => HasBuildDockerfile ? [BuildDockerfilePath, DockerfilePath] : [DockerfilePath];

    public bool HasBuildScript => File.Exists(BuildScriptPath);

    public string ImageName => TaggedName("latest");

    public string BuildImageName => $"{Namespace}/build-{Name}:latest";

    /// <summary>The service's image under another tag, e.g. cybernode/hello:v1.</summary>
    public string TaggedName(string tag) => $"{Namespace}/{Name}:{tag}";

    /// <summary>The service name for a folder path relative to the workspace: <c>fullnode/btcd</c> is <c>fullnode-btcd</c>.</summary>
    public static string NameFor(string relativePath) => relativePath.Replace('\\', '/').Trim('/').Replace('/', '-');
}

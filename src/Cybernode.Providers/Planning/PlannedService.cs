namespace Cybernode.Providers.Planning;

/// <summary>
/// What a dry run needs to know of a service: its folder (absolute), the two image names, whether
/// it has a Dockerfile-build, and the build image's CMD when it is known (buildah must spell it out).
/// </summary>
public sealed record PlannedService(string Name, string Folder, string BuildImage, string RunImage, bool HasBuildDockerfile)
{
    public const string BuildDockerfileName = "Dockerfile-build";
    public const string RunDockerfileName = "Dockerfile";
    public const string OutputFolderName = "bin";

    public IReadOnlyList<string>? BuildCommand { get; init; }
}

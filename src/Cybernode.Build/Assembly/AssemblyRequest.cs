namespace Cybernode.Build.Assembly;

/// <summary>One run image to make: from which Dockerfile and context, under which name.</summary>
public sealed record AssemblyRequest(
    string DockerfilePath,
    string ContextFolder,
    string ImageName,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyDictionary<string, string> ExtraLabels,
    string? TargetStage = null)
{
    /// <summary>The Dockerfile already parsed by the build (<see cref="Planning.Dockerfiles"/>); null to read it here.</summary>
    public ParsedDockerfile? Dockerfile { get; init; }

    /// <summary>Told the bytes of file content each new layer takes, as they are written (added up, they are the step's progress).</summary>
    public IProgress<long>? Written { get; init; }
}

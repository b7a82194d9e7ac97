using Cybernode.Dockerfile.Instructions;

namespace Cybernode.Build.Assembly;

/// <summary>A Dockerfile's stages, and the escape character its words are expanded with.</summary>
public sealed record ParsedDockerfile(DockerfileModel Model, char EscapeToken);

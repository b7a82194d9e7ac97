using Cybernode.Providers.Docker;

namespace Cybernode.Providers.Selection;

/// <summary>How to reach each engine, and which to try first when the choice is auto.</summary>
public sealed record ProviderSettings
{
    public static IReadOnlyList<string> DefaultOrder { get; } = ["docker", "podman", "buildah"];

    public IReadOnlyList<string> Order { get; init; } = DefaultOrder;

    public DockerOptions Docker { get; init; } = new();

    public ContainersToolOptions Podman { get; init; } = new();

    public ContainersToolOptions Buildah { get; init; } = new();
}

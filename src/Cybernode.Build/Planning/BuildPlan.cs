namespace Cybernode.Build.Planning;

/// <summary>
/// What a build would do, as engine commands, service by service in build order (<c>build --dry-run</c>);
/// <see cref="Provider"/> is null when the build needs no container engine.
/// </summary>
public sealed record BuildPlan(string? Provider, IReadOnlyList<ServicePlan> Services);

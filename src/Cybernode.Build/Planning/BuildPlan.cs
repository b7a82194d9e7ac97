using Cybernode.Build.Bases;

namespace Cybernode.Build.Planning;

/// <summary>
/// What a build would do, as engine commands, service by service in build order (<c>build --dry-run</c>);
/// <see cref="Provider"/> is null when the build needs no container engine.
/// </summary>
public sealed record BuildPlan(string? Provider, IReadOnlyList<ServicePlan> Services)
{
    /// <summary>The remote bases the build would resolve or pull first (not done by the plan).</summary>
    public IReadOnlyList<BaseStep> Pulls { get; init; } = [];
}

namespace Cybernode.Build.Planning;

/// <summary>What a build would do, as engine commands, service by service in build order (<c>build --dry-run</c>).</summary>
public sealed record BuildPlan(string Provider, IReadOnlyList<ServicePlan> Services);

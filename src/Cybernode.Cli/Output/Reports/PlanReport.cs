namespace Cybernode.Cli.Output.Reports;

/// <summary><c>build --dry-run --json</c>: the remote bases it would pull, then the engine commands per service, in build order.</summary>
public sealed record PlanReport(string? Provider, IReadOnlyList<PlannedPullReport> Pulls, IReadOnlyList<PlannedServiceReport> Services)
{
    /// <summary>Folders left out of the workspace and suspect FROM lines, as in <see cref="BuildReport"/>.</summary>
    public IReadOnlyList<WarningReport> Warnings { get; init; } = [];
}

namespace Cybernode.Cli.Output.Reports;

/// <summary><c>build --dry-run --json</c>: the engine commands per service, in build order.</summary>
public sealed record PlanReport(string? Provider, IReadOnlyList<PlannedServiceReport> Services);

namespace Cybernode.Cli.Output.Reports;

public sealed record PlannedServiceReport(string Name, string? Image, IReadOnlyList<PlannedCommandReport> Commands, string? Error = null);

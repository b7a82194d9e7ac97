namespace Cybernode.Cli.Output.Reports;

/// <summary><c>build --json</c>: every service of the build and what became of it.</summary>
public sealed record BuildReport(string Workspace, string Store, IReadOnlyList<ServiceReport> Services);

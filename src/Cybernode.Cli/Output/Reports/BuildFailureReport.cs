namespace Cybernode.Cli.Output.Reports;

/// <summary><c>build --json</c> when the build could not start at all.</summary>
public sealed record BuildFailureReport(string Error, IReadOnlyList<ServiceReport> Services);

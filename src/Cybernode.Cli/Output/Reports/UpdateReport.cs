namespace Cybernode.Cli.Output.Reports;

/// <summary><c>update --json</c>: each base of the lock with its digest before and after; errors when a base could not be resolved (the lock is then unchanged).</summary>
public sealed record UpdateReport(string Lock, IReadOnlyList<LockedBaseReport> Bases, IReadOnlyList<string> Errors);

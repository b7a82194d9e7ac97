namespace Cybernode.Cli.Output.Reports;

/// <summary><c>store gc --json</c>: what was removed (or would be, with dryRun) and how many bytes that frees.</summary>
public sealed record StoreGcReport(string Store, bool DryRun, int Removed, long Bytes, IReadOnlyList<StoreFileReport> Blobs, IReadOnlyList<StoreFileReport> TempFiles);

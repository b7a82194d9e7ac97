namespace Cybernode.Cli.Output.Reports;

/// <summary>A file in the store: its path, size and, for a blob, its digest.</summary>
public sealed record StoreFileReport(string Path, long Size, string? Digest);

namespace Cybernode.Cli.Output.Reports;

/// <summary>
/// <c>du --json</c>: per image its size, the part other images share and the part only it uses;
/// <c>imageBytes + otherRootBytes + unreferencedBytes = totalBytes</c>, the bytes of every blob of the store.
/// </summary>
public sealed record DuReport(string Store, IReadOnlyList<DuImageReport> Images, long ImageBytes, long OtherRootBytes, long UnreferencedBytes, long TotalBytes, int Blobs);

namespace Cybernode.Cli.Output.Reports;

/// <summary><c>store verify --json</c>: clean is false when anything is damaged; orphans and stray files are listed either way.</summary>
public sealed record StoreVerifyReport(
    string Store,
    bool Clean,
    int Images,
    int Blobs,
    long BlobBytes,
    IReadOnlyList<string> Damage,
    IReadOnlyList<StoreFileReport> Orphans,
    IReadOnlyList<StrayReport> Stray);

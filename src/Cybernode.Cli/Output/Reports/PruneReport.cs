namespace Cybernode.Cli.Output.Reports;

/// <summary><c>prune --json</c>: the images of services gone from the workspace, the cache volumes looked at (<c>--build-caches</c>), and the gc that followed.</summary>
public sealed record PruneReport(string Workspace, bool DryRun, IReadOnlyList<PrunedImageReport> Images, IReadOnlyList<CacheVolumeReport> CacheVolumes, StoreGcReport? Gc, long Bytes);

namespace Cybernode.Cli.Output.Reports;

/// <summary><c>rmi --json</c>: the names removed, the bytes no image uses any more (<c>store gc</c> frees them), and with <c>--prune</c> what gc freed.</summary>
public sealed record RmiReport(string Store, IReadOnlyList<NamedImageReport> Untagged, long Unreferenced, StoreGcReport? Gc);

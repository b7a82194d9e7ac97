namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// Where the reference engines disagree with each other, cybernode follows docker and BuildKit as
/// documented for current releases; the engine that departs from them is recorded here. A case row
/// whose only differences are recorded ones is reported as skipped with the record, never as a pass,
/// and a record that no longer matches any difference fails, so stale entries cannot pile up.
/// </summary>
public static class KnownEngineDifferences
{
    public static IReadOnlyList<KnownEngineDifference> All { get; } =
    [
    ];

    public static IReadOnlyList<KnownEngineDifference> For(string @case, string engine) =>
        All.Where(d => d.Case == @case && d.Engine == engine).ToList();
}

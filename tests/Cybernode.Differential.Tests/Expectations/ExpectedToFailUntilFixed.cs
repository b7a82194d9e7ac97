namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// THE list of cases where cybernode is known to build a different image than the engines. While a
/// case still differs its rows are reported as skipped with the entry; once it agrees with a listed
/// engine the row FAILS, so a fix must delete its entries. Empty: every open case is fixed.
/// </summary>
public static class ExpectedToFailUntilFixed
{
    /// <summary>The owner of an entry that nobody is fixing yet (listed in docs/compatibility.md).</summary>
    public const string Open = "nobody yet (listed in docs/compatibility.md)";

    public static IReadOnlyList<ExpectedFailure> All { get; } = [];

    public static ExpectedFailure? For(string @case, string engine) =>
        All.FirstOrDefault(f => f.Case == @case && f.Engines.Contains(engine));
}

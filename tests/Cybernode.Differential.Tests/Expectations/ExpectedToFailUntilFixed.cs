namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// THE list of cases where cybernode is known to build a different image than the engines. While a
/// case still differs its rows are reported as skipped with the entry; once it agrees with a listed
/// engine the row FAILS, so a fix must delete its entries.
/// </summary>
public static class ExpectedToFailUntilFixed
{
    /// <summary>Not fixed by anyone yet: hard links of the context.</summary>
    public const string Open = "nobody yet (listed in docs/compatibility.md)";

    private static readonly string[] AllEngines = ["docker", "buildkit", "buildah"];

    public static IReadOnlyList<ExpectedFailure> All { get; } =
    [
        new("hardlinks-in-context", AllEngines, Open,
            "hard-linked files of the context become separate files; the engines keep them hard-linked"),
    ];

    public static ExpectedFailure? For(string @case, string engine) =>
        All.FirstOrDefault(f => f.Case == @case && f.Engines.Contains(engine));
}

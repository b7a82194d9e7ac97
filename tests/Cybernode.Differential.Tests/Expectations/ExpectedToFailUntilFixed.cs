namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// THE list of cases where cybernode is known to build a different image than the engines. While a
/// case still differs its rows are reported as skipped with the entry; once it agrees with a listed
/// engine the row FAILS, so a fix must delete its entries. After merging the copy-semantics branch,
/// delete every entry with <see cref="CopySemantics"/> (the ones that still fail are not fixed).
/// </summary>
public static class ExpectedToFailUntilFixed
{
    /// <summary>The branch fixing COPY/ADD semantics in src/Cybernode.Build/Assembly at the time of writing.</summary>
    public const string CopySemantics = "copy-semantics";

    /// <summary>Not fixed by anyone yet: destination paths resolved against the image being built, and hard links of the context.</summary>
    public const string Open = "nobody yet (listed in docs/compatibility.md)";

    private static readonly string[] AllEngines = ["docker", "buildkit", "buildah"];

    public static IReadOnlyList<ExpectedFailure> All { get; } =
    [
        new("add-tar-hardlink-to-outside", AllEngines, CopySemantics,
            "ADD of a tar whose hard link points above the destination builds; every engine refuses it"),
        new("copy-file-over-symlink-of-base", ["docker", "buildkit"], Open,
            "COPY onto a path that is a symbolic link in the image replaces the link; docker and BuildKit write through it to its target (buildah replaces it, as cybernode does)"),
        new("copy-through-symlinked-folder-of-stage", AllEngines, Open,
            "COPY a.txt /link/ where /link is a symbolic link to a folder in the image replaces the link by a folder; the engines write into the link's target"),
        new("copy-folder-over-file-of-stage", AllEngines, Open,
            "COPY sub /x/ where /x is a file in the image replaces the file; every engine refuses it"),
        new("hardlinks-in-context", AllEngines, Open,
            "hard-linked files of the context become separate files; the engines keep them hard-linked"),
    ];

    public static ExpectedFailure? For(string @case, string engine) =>
        All.FirstOrDefault(f => f.Case == @case && f.Engines.Contains(engine));
}

namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// THE list of cases where cybernode is known to build a different image than the engines, because of
/// bugs the copy-semantics branch fixes in src/Cybernode.Build/Assembly. Such a case is reported as
/// skipped with its reason while it still differs, and FAILS once it agrees with an engine, so that
/// after merging copy-semantics this list must be emptied (delete the entries that now fail).
/// </summary>
public static class ExpectedToFailUntilFixed
{
    public static IReadOnlyDictionary<string, string> Cases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static string? Reason(string @case) => Cases.GetValueOrDefault(@case);
}

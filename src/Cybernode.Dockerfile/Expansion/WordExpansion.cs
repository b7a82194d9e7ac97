namespace Cybernode.Dockerfile.Expansion;

/// <summary>
/// The expanded word and the variable names it looked up, split into those the environment
/// held (even when empty) and those it did not; the linter reports the latter.
/// </summary>
public sealed record WordExpansion(string Result, IReadOnlySet<string> Matched, IReadOnlySet<string> Unmatched);

namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// A recorded point where a reference engine builds a case differently from docker and BuildKit as
/// documented for current releases, which cybernode follows. <see cref="Scope"/> is the difference
/// key it explains: a config field (<c>config.Cmd</c>), <c>build</c>, a path, or a folder ending in
/// '/' for every path below it.
/// </summary>
public sealed record KnownEngineDifference(string Case, string Engine, string Scope, string Why)
{
    public bool Explains(Comparison.Difference difference) =>
        difference.Key == Scope || (Scope.EndsWith('/') && difference.Key.StartsWith(Scope, StringComparison.Ordinal));

    public override string ToString() => $"{Engine} {Scope}: {Why}";
}

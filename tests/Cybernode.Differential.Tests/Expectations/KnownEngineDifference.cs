namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// A recorded point where a reference engine builds a case differently from docker and BuildKit as
/// documented for current releases, which cybernode follows. <see cref="Scope"/> is the difference
/// key it explains: a config field (<c>config.Cmd</c>), <c>build</c>, or a path, which covers the
/// paths below it too.
/// </summary>
public sealed record KnownEngineDifference(string Case, string Engine, string Scope, string Why)
{
    public bool Explains(Comparison.Difference difference) =>
        difference.Key == Scope || (Scope.StartsWith('/') && difference.Key.StartsWith(Scope.TrimEnd('/') + "/", StringComparison.Ordinal));

    public override string ToString() => $"{Engine} {Scope}: {Why}";
}

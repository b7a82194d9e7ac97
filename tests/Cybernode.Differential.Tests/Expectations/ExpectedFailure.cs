namespace Cybernode.Differential.Tests.Expectations;

/// <summary>A case where cybernode still builds a different image than the listed engines, who fixes it, and how it differs.</summary>
public sealed record ExpectedFailure(string Case, IReadOnlyList<string> Engines, string FixedBy, string Why)
{
    public override string ToString() => $"fixed by {FixedBy}: {Why}";
}

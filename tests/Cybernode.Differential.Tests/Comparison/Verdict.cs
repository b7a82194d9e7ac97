using Cybernode.Differential.Tests.Expectations;

namespace Cybernode.Differential.Tests.Comparison;

/// <summary>
/// Judges one case against one engine: agreement passes; differences that a recorded engine
/// difference explains, or that an expected-to-fail entry covers, end the test as skipped with the
/// record in its reason; anything else, or a record that no longer matches, fails.
/// </summary>
public sealed class Verdict(string @case, string engine, IReadOnlyList<Difference> differences)
{
    public void Enforce(Action<string> log)
    {
        var records = KnownEngineDifferences.For(@case, engine);
        var explained = differences.Where(d => records.Any(r => r.Explains(d))).ToList();
        var unexplained = differences.Except(explained).ToList();
        var stale = records.Where(r => !differences.Any(r.Explains)).ToList();
        foreach (var difference in differences)
        {
            log(difference.ToString());
        }

        if (stale.Count > 0)
        {
            Assert.Fail($"{@case} vs {engine}: recorded engine difference(s) no longer seen; remove them from KnownEngineDifferences:\n  " +
                string.Join("\n  ", stale));
        }

        if (ExpectedToFailUntilFixed.For(@case, engine) is { } expected)
        {
            if (unexplained.Count == 0)
            {
                Assert.Fail($"{@case} now agrees with {engine}: remove its entry from ExpectedToFailUntilFixed ({expected})");
            }

            Assert.Skip($"EXPECTED TO FAIL until {expected}; {@case} vs {engine}:\n  {string.Join("\n  ", unexplained)}");
        }

        if (unexplained.Count > 0)
        {
            Assert.Fail($"{@case}: cybernode and {engine} built different images:\n  {string.Join("\n  ", unexplained)}");
        }

        if (explained.Count > 0)
        {
            Assert.Skip($"KNOWN ENGINE DIFFERENCE, not a pass: {@case} agrees with {engine} except for these recorded engine differences (each says which behaviour cybernode follows and why):\n  " +
                string.Join("\n  ", records) + "\n  seen: " + string.Join("\n  seen: ", explained));
        }
    }
}

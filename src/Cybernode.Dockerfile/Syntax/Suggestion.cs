namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// "Did you mean" hints chosen the way BuildKit chooses them: the closest option within an
/// edit distance of two, and none at all when the value is itself a valid option.
/// </summary>
public static class Suggestion
{
    private const int MaxDistanceExclusive = 3;

    /// <param name="value">What was written.</param>
    /// <param name="options">The valid values.</param>
    /// <param name="caseSensitive">Whether case counts as a difference.</param>
    /// <param name="swapCostsOne">
    /// Count two swapped neighbours as one edit (command lines: <c>--jbos</c> is <c>--jobs</c>, not
    /// <c>--json</c>); BuildKit's Dockerfile hints count them as two.
    /// </param>
    public static string? Closest(string value, IEnumerable<string> options, bool caseSensitive, bool swapCostsOne = false)
    {
        var probe = caseSensitive ? value : value.ToLowerInvariant();
        string? match = null;
        var best = MaxDistanceExclusive;
        foreach (var option in options)
        {
            var candidate = caseSensitive ? option : option.ToLowerInvariant();
            if (probe == candidate)
            {
                return null;
            }

            var distance = Distance(probe, candidate, best, swapCostsOne);
            if (distance < best)
            {
                best = distance;
                match = caseSensitive ? candidate : MatchCase(candidate, value);
            }
        }

        return match;
    }

    public static string WithHint(string message, string? hint) =>
        hint is null ? message : $"{message} (did you mean {hint}?)";

    private static string MatchCase(string candidate, string original)
    {
        if (TextRules.IsLowerCase(original))
        {
            return candidate.ToLowerInvariant();
        }

        return TextRules.IsUpperCase(original) ? candidate.ToUpperInvariant() : candidate;
    }

    // Levenshtein distance (with swapCostsOne, optimal string alignment) that gives up once it
    // cannot beat the current best; the values compared here are keywords and flag names, so the
    // early exit keeps fuzzed input cheap.
    private static int Distance(string a, string b, int limit, bool swapCostsOne)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (swapCostsOne && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin >= limit)
            {
                return limit;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}

using System.Globalization;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>
/// Validates durations the way Go's <c>time.ParseDuration</c> reads them (<c>1h30m</c>,
/// <c>1.5s</c>, <c>300ms</c>), since BuildKit rejects HEALTHCHECK flags Go cannot parse.
/// </summary>
public static class GoDuration
{
    /// <summary>The duration in seconds, or null when Go would reject the text.</summary>
    public static double? ParseSeconds(string text)
    {
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return 0;
        }

        if (s.IsEmpty)
        {
            return null;
        }

        double total = 0;
        while (!s.IsEmpty)
        {
            var numberEnd = 0;
            while (numberEnd < s.Length && (char.IsAsciiDigit(s[numberEnd]) || s[numberEnd] == '.'))
            {
                numberEnd++;
            }

            var number = s[..numberEnd];
            if (number.IsEmpty || number is "." || number.Count('.') > 1
                || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            s = s[numberEnd..];
            var unitEnd = 0;
            while (unitEnd < s.Length && !char.IsAsciiDigit(s[unitEnd]) && s[unitEnd] != '.')
            {
                unitEnd++;
            }

            double? scale = s[..unitEnd] switch
            {
                "ns" => 1e-9,
                "us" or "µs" or "μs" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            total += value * scale.Value;
            s = s[unitEnd..];
        }

        return negative ? -total : total;
    }
}

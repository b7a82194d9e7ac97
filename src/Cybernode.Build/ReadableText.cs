using System.Globalization;
using System.Text;

namespace Cybernode.Build;

/// <summary>
/// Makes a message safe and short enough for a terminal: control bytes are written as <c>\xHH</c>
/// (an ESC from a Dockerfile must not recolour or rewrite the screen), a line longer than
/// <see cref="MaxLineLength"/> and a message longer than <see cref="MaxLines"/> lines are cut, saying
/// how much was left out. Applying it twice changes nothing more.
/// </summary>
public static class ReadableText
{
    public const int MaxLineLength = 500;
    public const int MaxLines = 40;

    // A line is cut only when it is longer than the limit by more than the longest cut marker, so a
    // line that was cut once (its text plus the marker) is never cut again.
    private const int MarkerRoom = 40;

    public static string Limit(string text)
    {
        var lines = text.Split('\n');
        var kept = lines.Length > MaxLines + 1 ? lines[..MaxLines] : lines;
        var result = new StringBuilder();
        foreach (var line in kept)
        {
            if (result.Length > 0)
            {
                result.Append('\n');
            }

            AppendLine(result, line);
        }

        if (kept.Length < lines.Length)
        {
            result.Append(CultureInfo.InvariantCulture, $"\n… ({lines.Length - kept.Length} more lines)");
        }

        return result.ToString();
    }

    /// <summary>A name or value from the user in quotes, on one line (a newline in it is escaped too), cut like any line.</summary>
    public static string Quote(string text) => $"'{SingleLine(text)}'";

    /// <summary>Text on one line: every control character escaped, a newline too, cut like any line.</summary>
    public static string SingleLine(string text)
    {
        var result = new StringBuilder();
        AppendLine(result, text);
        return result.ToString();
    }

    private static void AppendLine(StringBuilder result, string line)
    {
        var start = result.Length;
        var cut = line.Length > MaxLineLength + MarkerRoom;
        for (var i = 0; i < line.Length; i++)
        {
            if (cut && result.Length - start >= MaxLineLength)
            {
                result.Append(CultureInfo.InvariantCulture, $"… ({line.Length - i} more characters)");
                return;
            }

            AppendChar(result, line[i]);
        }
    }

    private static void AppendChar(StringBuilder result, char c)
    {
        if (c == '\t' || !IsControl(c))
        {
            result.Append(c);
        }
        else if (c <= 0xff)
        {
            result.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
        }
        else
        {
            result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
    }

    // C0, DEL and C1 controls, and the bidirectional overrides that make a terminal show text in
    // another order than it is written.
    private static bool IsControl(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// The character classes BuildKit's Go code uses. Go's <c>unicode.IsSpace</c> is exactly
/// .NET's <see cref="char.IsWhiteSpace(char)"/>; its regular-expression class <c>[\t\v\f\r ]</c>
/// is narrower and separates the keyword from the rest of the line.
/// </summary>
internal static class TextRules
{
    public static bool IsSpace(char c) => char.IsWhiteSpace(c);

    public static bool IsKeywordSeparator(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

    public static bool IsJsonSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    public static ReadOnlySpan<char> TrimStartSpace(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        return text[i..];
    }

    public static bool IsComment(ReadOnlySpan<char> line)
    {
        var trimmed = TrimStartSpace(line);
        return trimmed.Length > 0 && trimmed[0] == '#';
    }

    public static bool IsBlank(ReadOnlySpan<char> line) => TrimStartSpace(line).IsEmpty;

    /// <summary>Splits at the first run of keyword separators, as Go's <c>regexp.Split(s, 2)</c> does.</summary>
    public static (string Head, string Tail) SplitFirstRun(string text)
    {
        var i = 0;
        while (i < text.Length && !IsKeywordSeparator(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return (text, string.Empty);
        }

        var j = i;
        while (j < text.Length && IsKeywordSeparator(text[j]))
        {
            j++;
        }

        return (text[..i], text[j..]);
    }

    /// <summary>Splits on every run of keyword separators, as Go's <c>regexp.Split(s, -1)</c> does.</summary>
    public static List<string> SplitAllRuns(string text)
    {
        var parts = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsKeywordSeparator(text[i]))
            {
                i++;
                continue;
            }

            parts.Add(text[start..i]);
            while (i < text.Length && IsKeywordSeparator(text[i]))
            {
                i++;
            }

            start = i;
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>True when lower-casing would not change the text (Go's <c>s == strings.ToLower(s)</c>).</summary>
    public static bool IsLowerCase(string text) => string.Equals(text, text.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>True when upper-casing would not change the text.</summary>
    public static bool IsUpperCase(string text) => string.Equals(text, text.ToUpperInvariant(), StringComparison.Ordinal);
}

using System.Globalization;
using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Go's <c>strconv.Quote</c>, which the conformance dumps are written with.
/// </summary>
internal static class GoQuote
{
    private const string Hex = "0123456789abcdef";

    public static void Append(StringBuilder sb, string value)
    {
        sb.Append('"');
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c is >= ' ' and < '\x7f' && c != '"' && c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate cannot come from UTF-8 input; show the code unit rather than guess.
                AppendHex(sb, "\\u", c, 4);
                i++;
                continue;
            }

            AppendRune(sb, rune);
            i += used;
        }

        sb.Append('"');
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        Append(sb, value);
        return sb.ToString();
    }

    private static void AppendRune(StringBuilder sb, Rune rune)
    {
        var r = rune.Value;
        switch (r)
        {
            case '"':
                sb.Append("\\\"");
                return;
            case '\\':
                sb.Append("\\\\");
                return;
        }

        if (IsPrint(rune))
        {
            sb.Append(rune.ToString());
            return;
        }

        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (r < ' ' || r == 0x7f)
        {
            AppendHex(sb, "\\x", r, 2);
        }
        else if (r < 0x10000)
        {
            AppendHex(sb, "\\u", r, 4);
        }
        else
        {
            AppendHex(sb, "\\U", r, 8);
        }
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    private static void AppendHex(StringBuilder sb, string prefix, int value, int digits)
    {
        sb.Append(prefix);
        for (var shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            sb.Append(Hex[(value >> shift) & 0xf]);
        }
    }
}

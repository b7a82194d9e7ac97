using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Peels the leading <c>--flag[=value]</c> words off an instruction's arguments. Quotes and
/// backslashes inside a flag are processed (always with <c>\</c>, whatever the escape directive
/// says, as BuildKit does); a bare <c>--</c> ends the flags.
/// </summary>
internal static class FlagExtractor
{
    public static List<string> Extract(string line, out string rest)
    {
        var flags = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        var inQuote = false;
        var blankOk = false;
        var pos = 0;
        for (; pos <= line.Length; pos++)
        {
            var atEnd = pos == line.Length;
            var ch = atEnd ? '\0' : line[pos];
            if (!inWord && !inQuote)
            {
                if (atEnd)
                {
                    break;
                }

                if (TextRules.IsSpace(ch))
                {
                    continue;
                }

                if (ch != '-' || pos + 1 == line.Length || line[pos + 1] != '-')
                {
                    rest = line[pos..];
                    return flags;
                }

                inWord = true;
            }

            if (atEnd)
            {
                if (!IsTerminator(word) && (blankOk || word.Length > 0))
                {
                    flags.Add(word.ToString());
                }

                break;
            }

            if (inQuote)
            {
                if (ch == quote)
                {
                    inQuote = false;
                    inWord = true;
                    continue;
                }

                if (ch == '\\')
                {
                    if (pos + 1 == line.Length)
                    {
                        inQuote = false;
                        inWord = true;
                        continue;
                    }

                    ch = line[++pos];
                }

                word.Append(ch);
                continue;
            }

            if (TextRules.IsSpace(ch))
            {
                inWord = false;
                if (IsTerminator(word))
                {
                    rest = line[pos..];
                    return flags;
                }

                if (blankOk || word.Length > 0)
                {
                    flags.Add(word.ToString());
                }

                word.Clear();
                blankOk = false;
                continue;
            }

            if (ch is '\'' or '"')
            {
                quote = ch;
                blankOk = true;
                inQuote = true;
                inWord = false;
                continue;
            }

            if (ch == '\\')
            {
                if (pos + 1 == line.Length)
                {
                    continue;
                }

                ch = line[++pos];
            }

            word.Append(ch);
        }

        rest = string.Empty;
        return flags;
    }

    private static bool IsTerminator(StringBuilder word) => word.Length == 2 && word[0] == '-' && word[1] == '-';
}

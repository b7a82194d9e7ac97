using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Splits ENV/LABEL/ARG arguments into words on unquoted white space, keeping quotes and escape
/// characters in the words: they are removed later, when the values are expanded.
/// </summary>
internal static class WordSplitter
{
    public static List<string> Split(string rest, char escapeToken)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var inQuote = false;
        var quote = '\0';
        var blankOk = false;
        for (var pos = 0; pos <= rest.Length; pos++)
        {
            var atEnd = pos == rest.Length;
            var ch = atEnd ? '\0' : rest[pos];
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

                inWord = true;
            }

            if (atEnd)
            {
                if (blankOk || word.Length > 0)
                {
                    words.Add(word.ToString());
                }

                break;
            }

            if (inWord)
            {
                if (TextRules.IsSpace(ch))
                {
                    inWord = false;
                    if (blankOk || word.Length > 0)
                    {
                        words.Add(word.ToString());
                    }

                    word.Clear();
                    blankOk = false;
                    continue;
                }

                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                }

                if (ch == escapeToken)
                {
                    if (pos + 1 == rest.Length)
                    {
                        // An escape character at the very end is dropped.
                        continue;
                    }

                    // Outside quotes the escape and the character it protects both stay.
                    word.Append(ch);
                    ch = rest[++pos];
                }

                word.Append(ch);
                continue;
            }

            if (ch == quote)
            {
                inQuote = false;
                inWord = true;
            }

            // Inside single quotes nothing can be escaped.
            if (ch == escapeToken && quote != '\'')
            {
                if (pos + 1 == rest.Length)
                {
                    inQuote = false;
                    inWord = true;
                    continue;
                }

                word.Append(ch);
                ch = rest[++pos];
            }

            word.Append(ch);
        }

        return words;
    }
}

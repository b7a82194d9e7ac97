using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// The word loop BuildKit's flag extraction and ENV/LABEL/ARG splitting share: words end at
/// unquoted white space, a quote opens a word that counts even when empty, and an escape
/// character protects the next one (a trailing escape is dropped). The two callers differ only
/// in the escape character, whether quotes and escapes stay in the word, and whether single
/// quotes protect escapes.
/// </summary>
internal sealed class WordScanner(string text, char escape, bool keepQuoting, bool escapesInSingleQuotes)
{
    /// <summary>Where the next word starts, or the blank that ended the last one.</summary>
    public int Position { get; private set; }

    /// <summary>Skips blanks up to the next word; false at the end of the text.</summary>
    public bool SkipBlanks()
    {
        while (Position < text.Length && TextRules.IsSpace(text[Position]))
        {
            Position++;
        }

        return Position < text.Length;
    }

    public bool StartsWith(string prefix) => text.AsSpan(Position).StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// Reads the word at <see cref="Position"/>, stopping on the blank after it. Null for a word
    /// that came out empty without any quotes, which BuildKit does not count as a word.
    /// </summary>
    public string? ReadWord()
    {
        var word = new StringBuilder();
        var quote = '\0';
        var quoted = false;
        for (; Position < text.Length; Position++)
        {
            var ch = text[Position];
            if (quote == '\0')
            {
                if (TextRules.IsSpace(ch))
                {
                    break;
                }

                if (ch is '\'' or '"')
                {
                    quote = ch;
                    quoted = true;
                    AppendQuoting(word, ch);
                    continue;
                }
            }
            else if (ch == quote)
            {
                quote = '\0';
                AppendQuoting(word, ch);
                continue;
            }

            if (ch == escape && (quote != '\'' || escapesInSingleQuotes))
            {
                if (Position + 1 == text.Length)
                {
                    continue;
                }

                AppendQuoting(word, ch);
                ch = text[++Position];
            }

            word.Append(ch);
        }

        return quoted || word.Length > 0 ? word.ToString() : null;
    }

    private void AppendQuoting(StringBuilder word, char ch)
    {
        if (keepQuoting)
        {
            word.Append(ch);
        }
    }
}

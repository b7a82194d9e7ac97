namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Splits ENV/LABEL/ARG arguments into words on unquoted white space, keeping quotes and escape
/// characters in the words: they are removed later, when the values are expanded. Unlike flags,
/// single quotes protect escape characters here, as in BuildKit's parseWords.
/// </summary>
internal static class QuotedWordSplitter
{
    public static List<string> Split(string rest, char escapeToken)
    {
        var words = new List<string>();
        var scanner = new WordScanner(rest, escapeToken, keepQuoting: true, escapesInSingleQuotes: false);
        while (scanner.SkipBlanks())
        {
            if (scanner.ReadWord() is { } word)
            {
                words.Add(word);
            }
        }

        return words;
    }
}

namespace Cybernode.Dockerfile.Lint;

/// <summary>
/// Names a word would look up when expanded: <c>$NAME</c> and <c>${NAME...}</c> outside single
/// quotes and not escaped, including those nested in <c>${a:-$b}</c> defaults.
/// </summary>
internal static class VariableReferences
{
    public static List<string> In(string word, char escapeToken)
    {
        var names = new List<string>();
        var inDoubleQuotes = false;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c == escapeToken)
            {
                i++;
                continue;
            }

            if (c == '"')
            {
                inDoubleQuotes = !inDoubleQuotes;
                continue;
            }

            if (c == '\'' && !inDoubleQuotes)
            {
                var close = word.IndexOf('\'', i + 1);
                i = close < 0 ? word.Length : close;
                continue;
            }

            if (c != '$' || i + 1 >= word.Length)
            {
                continue;
            }

            var start = word[i + 1] == '{' ? i + 2 : i + 1;
            var end = start;
            if (end < word.Length && (char.IsLetter(word[end]) || word[end] == '_'))
            {
                while (end < word.Length && (char.IsLetterOrDigit(word[end]) || word[end] == '_'))
                {
                    end++;
                }

                names.Add(word[start..end]);
            }

            i = end - 1;
        }

        return names;
    }
}

namespace Cybernode.Dockerfile.Syntax;

/// <summary>A <c>[n]&lt;&lt;[-]WORD</c> token found in an instruction line, before its body is read.</summary>
internal sealed record HeredocMarker(string Name, bool Expand, bool Chomp)
{
    /// <summary>
    /// Reads one word as a heredoc marker. Returns null when the word is not one; sets
    /// <paramref name="error"/> when it looks like one but its delimiter cannot be lexed.
    /// </summary>
    public static HeredocMarker? Parse(string word, out string? error)
    {
        error = null;
        var i = 0;
        while (i < word.Length && char.IsAsciiDigit(word[i]))
        {
            i++;
        }

        if (i + 1 >= word.Length || word[i] != '<' || word[i + 1] != '<')
        {
            return null;
        }

        i += 2;
        var chomp = i < word.Length && word[i] == '-';
        if (chomp)
        {
            i++;
        }

        while (i < word.Length && word[i] is ' ' or '\t' or '\n' or '\f' or '\r')
        {
            i++;
        }

        var rest = word[i..];
        if (rest.Length == 0 || rest.Contains('<', StringComparison.Ordinal))
        {
            return null;
        }

        // Lex the delimiter with and without quote removal: if the quote counts differ,
        // part of it was quoted, and a quoted delimiter turns expansion off.
        var words = HeredocWordLexer.Split(rest, rawQuotes: false, rawEscapes: false, out error);
        if (error is not null)
        {
            error = $"failed to process \"{rest}\": {error}";
            return null;
        }

        if (words.Count != 1)
        {
            return null;
        }

        var rawWords = HeredocWordLexer.Split(rest, rawQuotes: true, rawEscapes: false, out error);
        if (error is not null || rawWords.Count != 1)
        {
            error = $"internal lexing of heredoc produced inconsistent results: {rest}";
            return null;
        }

        var expand = CountQuotes(words[0]) == CountQuotes(rawWords[0]);
        return new HeredocMarker(words[0], expand, chomp);
    }

    /// <summary>The heredoc markers of a whole instruction line, in order.</summary>
    public static List<HeredocMarker> FindAll(string line, out string? error)
    {
        var markers = new List<HeredocMarker>();
        error = null;

        // BuildKit ignores lexing errors of the whole line: such a line simply has no heredocs.
        var words = HeredocWordLexer.Split(line, rawQuotes: true, rawEscapes: true, out _);
        foreach (var word in words)
        {
            var marker = Parse(word, out error);
            if (error is not null)
            {
                return [];
            }

            if (marker is not null)
            {
                markers.Add(marker);
            }
        }

        return markers;
    }

    private static int CountQuotes(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is '\'' or '"')
            {
                count++;
            }
        }

        return count;
    }
}

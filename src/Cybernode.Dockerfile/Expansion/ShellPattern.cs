using System.Text;

namespace Cybernode.Dockerfile.Expansion;

/// <summary>
/// The pattern language of <c>${v#p}</c>, <c>${v%p}</c> and <c>${v/p/r}</c> as BuildKit implements it:
/// BuildKit turns the pattern into a Go regular expression (<c>*</c> becomes <c>.*</c> or <c>.*?</c>,
/// <c>?</c> becomes <c>.</c>, everything else is literal, no bracket expressions), so matching here
/// follows Go's leftmost-first rules: the earliest start wins, then the preferred star lengths.
/// Like Go's <c>.</c>, wildcards never match a line feed.
/// </summary>
internal sealed class ShellPattern
{
    private const char AnyRune = '\uFFFE';
    private const char Star = '\uFFFF';

    // One entry per token; wildcards use two non-characters so a pattern is just a char array.
    // A literal U+FFFE or U+FFFF is told apart by _literal.
    private readonly char[] _tokens;
    private readonly bool[] _literal;
    private readonly bool _greedy;

    private ShellPattern(char[] tokens, bool[] literal, bool greedy)
    {
        _tokens = tokens;
        _literal = literal;
        _greedy = greedy;
    }

    /// <summary>Parses a pattern; returns null and a reason when an escape is invalid.</summary>
    public static ShellPattern? TryParse(string pattern, bool greedy, out string? error)
    {
        var tokens = new List<char>(pattern.Length);
        var literal = new List<bool>(pattern.Length);
        error = null;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    // Adjacent stars match exactly what one star matches, in the same preference order.
                    if (tokens.Count == 0 || tokens[^1] != Star || literal[^1])
                    {
                        tokens.Add(Star);
                        literal.Add(false);
                    }

                    continue;
                case '?':
                    tokens.Add(AnyRune);
                    literal.Add(false);
                    continue;
                case '\\':
                    var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
                    // Inside ${} a '}' or '/' had to be escaped; that escape is not part of the pattern.
                    if (i + 1 < pattern.Length && next is '}' or '/')
                    {
                        continue;
                    }

                    if (i + 1 >= pattern.Length || next is not ('*' or '?' or '\\'))
                    {
                        error = i + 1 >= pattern.Length
                            ? "invalid escape '\\' at the end of the pattern"
                            : $"invalid escape '\\{RuneAt(pattern, i + 1)}'";
                        return null;
                    }

                    i++;
                    c = next;
                    break;
            }

            tokens.Add(c);
            literal.Add(true);
        }

        return new ShellPattern([.. tokens], [.. literal], greedy);
    }

    /// <summary>Reverses a pattern rune by rune while keeping each escape in front of what it escapes.</summary>
    public static string Reverse(string pattern)
    {
        var units = new List<string>(pattern.Length);
        for (var i = 0; i < pattern.Length;)
        {
            var length = RuneLength(pattern, i);
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                length = 1 + RuneLength(pattern, i + 1);
            }

            units.Add(pattern.Substring(i, length));
            i += length;
        }

        var builder = new StringBuilder(pattern.Length);
        for (var i = units.Count - 1; i >= 0; i--)
        {
            builder.Append(units[i]);
        }

        return builder.ToString();
    }

    /// <summary>Reverses a string rune by rune, so surrogate pairs stay intact.</summary>
    public static string ReverseRunes(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = text.Length; i > 0;)
        {
            var length = i >= 2 && char.IsSurrogatePair(text[i - 2], text[i - 1]) ? 2 : 1;
            i -= length;
            builder.Append(text, i, length);
        }

        return builder.ToString();
    }

    /// <summary>The end of the preferred match anchored at the start of <paramref name="text"/>, or -1.</summary>
    public int MatchPrefix(string text) => new Matcher(this, text).MatchFrom(0, 0);

    /// <summary>Replaces the leftmost match; the replacement is taken literally, as BuildKit splices it in.</summary>
    public string ReplaceFirst(string value, string replacement)
    {
        var matcher = new Matcher(this, value);
        return matcher.Find(0, out var start, out var end)
            ? string.Concat(value.AsSpan(0, start), replacement, value.AsSpan(end))
            : value;
    }

    /// <summary>
    /// Replaces every match the way Go's <c>Regexp.ReplaceAllString</c> does, which BuildKit calls:
    /// an empty match right after a match is skipped, and the replacement is a Go template
    /// (<c>$0</c> or <c>${0}</c> is the match, <c>$$</c> a dollar, other references are empty).
    /// Null when the result would be longer than <paramref name="maxLength"/>: a replacement repeating
    /// <c>$0</c> over many matches multiplies sizes, so the result is bounded while it is built.
    /// </summary>
    public string? ReplaceAll(string value, string replacement, int maxLength)
    {
        var matcher = new Matcher(this, value);
        var builder = new StringBuilder(value.Length + replacement.Length);
        var lastMatchEnd = 0;
        var searchPosition = 0;
        while (searchPosition <= value.Length && matcher.Find(searchPosition, out var start, out var end))
        {
            builder.Append(value, lastMatchEnd, start - lastMatchEnd);
            if ((end > lastMatchEnd || start == 0) && !AppendTemplate(builder, replacement, value.AsSpan(start, end - start), maxLength))
            {
                return null;
            }

            lastMatchEnd = end;
            var width = RuneLength(value, searchPosition);
            if (searchPosition + width > end)
            {
                searchPosition += width;
            }
            else if (searchPosition + 1 > end)
            {
                searchPosition++;
            }
            else
            {
                searchPosition = end;
            }
        }

        builder.Append(value, lastMatchEnd, value.Length - lastMatchEnd);
        return builder.Length > maxLength ? null : builder.ToString();
    }

    /// <summary>Appends the template with its references to the match; false once the builder holds more than <paramref name="maxLength"/>.</summary>
    private static bool AppendTemplate(StringBuilder builder, string template, ReadOnlySpan<char> match, int maxLength)
    {
        for (var i = 0; i < template.Length;)
        {
            if (builder.Length > maxLength)
            {
                return false;
            }

            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                builder.Append(template, i, template.Length - i);
                return builder.Length <= maxLength;
            }

            builder.Append(template, i, dollar - i);
            if (dollar + 1 < template.Length && template[dollar + 1] == '$')
            {
                builder.Append('$');
                i = dollar + 2;
                continue;
            }

            if (!TryReadTemplateName(template, dollar, out var nameStart, out var nameLength, out var next))
            {
                // A malformed reference is kept as text.
                builder.Append('$');
                i = dollar + 1;
                continue;
            }

            // The pattern has no groups, so only group 0 (the whole match) exists; Go rejects leading zeros.
            var name = template.AsSpan(nameStart, nameLength);
            if (name is "0")
            {
                builder.Append(match);
            }

            i = next;
        }

        return builder.Length <= maxLength;
    }

    private static bool TryReadTemplateName(string template, int dollar, out int nameStart, out int nameLength, out int next)
    {
        var braced = dollar + 1 < template.Length && template[dollar + 1] == '{';
        nameStart = dollar + (braced ? 2 : 1);
        var end = nameStart;
        while (end < template.Length)
        {
            Rune.DecodeFromUtf16(template.AsSpan(end), out var rune, out var length);
            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && rune.Value != '_')
            {
                break;
            }

            end += length;
        }

        nameLength = end - nameStart;
        next = end;
        if (nameLength == 0)
        {
            return false;
        }

        if (braced)
        {
            if (end >= template.Length || template[end] != '}')
            {
                return false;
            }

            next = end + 1;
        }

        return true;
    }

    internal static int RuneLength(string text, int index) =>
        index >= text.Length ? 0
        : index + 1 < text.Length && char.IsSurrogatePair(text[index], text[index + 1]) ? 2 : 1;

    private static string RuneAt(string text, int index) => text.Substring(index, RuneLength(text, index));

    /// <summary>Backtracking in Go's preference order, remembering failed (token, position) pairs so it stays polynomial.</summary>
    private struct Matcher(ShellPattern pattern, string text)
    {
        private bool[]? _failed;

        /// <summary>The leftmost match starting at or after <paramref name="from"/>; failures found on the way stay valid for later searches.</summary>
        public bool Find(int from, out int start, out int end)
        {
            for (start = from; start <= text.Length; start += Math.Max(1, RuneLength(text, start)))
            {
                end = MatchFrom(0, start);
                if (end >= 0)
                {
                    return true;
                }
            }

            start = end = -1;
            return false;
        }

        public int MatchFrom(int token, int position)
        {
            var tokens = pattern._tokens;
            while (token < tokens.Length && (pattern._literal[token] || tokens[token] == AnyRune))
            {
                if (position >= text.Length)
                {
                    return -1;
                }

                if (pattern._literal[token])
                {
                    if (text[position] != tokens[token])
                    {
                        return -1;
                    }

                    position++;
                }
                else
                {
                    if (text[position] == '\n')
                    {
                        return -1;
                    }

                    position += RuneLength(text, position);
                }

                token++;
            }

            if (token == tokens.Length)
            {
                return position;
            }

            // A star: the memo makes every (token, position) pair fail at most once.
            var slot = (token * (text.Length + 1)) + position;
            _failed ??= new bool[(tokens.Length + 1) * (text.Length + 1)];
            if (_failed[slot])
            {
                return -1;
            }

            var limit = position;
            while (limit < text.Length && text[limit] != '\n')
            {
                limit += RuneLength(text, limit);
            }

            if (pattern._greedy)
            {
                for (var p = limit; ; p -= p - 2 >= position && char.IsSurrogatePair(text[p - 2], text[p - 1]) ? 2 : 1)
                {
                    var end = MatchFrom(token + 1, p);
                    if (end >= 0)
                    {
                        return end;
                    }

                    if (p == position)
                    {
                        break;
                    }
                }
            }
            else
            {
                for (var p = position; p <= limit; p += Math.Max(1, RuneLength(text, p)))
                {
                    var end = MatchFrom(token + 1, p);
                    if (end >= 0)
                    {
                        return end;
                    }
                }
            }

            _failed[slot] = true;
            return -1;
        }
    }
}

using System.Text;

namespace Cybernode.Dockerfile.Expansion;

/// <summary>
/// One pass over one word, mirroring BuildKit's <c>shellWord</c> state machine character for character:
/// the order of checks, which escapes survive in patterns, and when the environment is consulted
/// all affect results and the matched/unmatched sets, so the structure follows BuildKit's closely.
/// </summary>
internal ref struct WordProcessor
{
    private const int NoStop = -1;
    private const string MissingBrace = "syntax error: missing '}'";

    private readonly string _source;
    private readonly char _escape;
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _hasLookup;
    private readonly bool _track;
    private int _position;
    private bool _rawEscapes;

    public WordProcessor(string source, char escape, IReadOnlyDictionary<string, string> env, bool track)
    {
        _source = source;
        _escape = escape;
        _env = env;
        _track = track;
        // A span lookup spares a string per variable reference when the caller passes a plain Dictionary.
        _hasLookup = env is Dictionary<string, string> dictionary && dictionary.TryGetAlternateLookup(out _lookup);
    }

    public HashSet<string>? Matched { get; private set; }

    public HashSet<string>? Unmatched { get; private set; }

    public void Process(StringBuilder result, ExpandedWords? words) => ProcessUntil(NoStop, rawEscapes: false, result, words);

    private void ProcessUntil(int stop, bool rawEscapes, StringBuilder result, ExpandedWords? words)
    {
        var outerRawEscapes = _rawEscapes;
        _rawEscapes = rawEscapes;
        var source = _source;
        while (_position < source.Length)
        {
            var c = source[_position];
            if (c == stop)
            {
                _position++;
                _rawEscapes = outerRawEscapes;
                return;
            }

            if (c == '$')
            {
                var value = ProcessDollar();
                Append(result, value);
                words?.AddString(value);
                continue;
            }

            if (c is '\'' or '"')
            {
                var start = result.Length;
                if (c == '\'')
                {
                    ProcessSingleQuote(result);
                }
                else
                {
                    ProcessDoubleQuote(result);
                }

                words?.AddRawString(result.ToString(start, result.Length - start));
                continue;
            }

            _position++;
            if (c == _escape)
            {
                if (_rawEscapes)
                {
                    words?.AddRawChar(c);
                    result.Append(c);
                }

                // An escape at the very end is dropped.
                if (_position >= source.Length)
                {
                    break;
                }

                c = source[_position++];
                words?.AddRawChar(c);
            }
            else
            {
                words?.AddChar(c);
            }

            result.Append(c);
        }

        if (stop != NoStop)
        {
            throw Error($"unexpected end of statement while looking for matching {(char)stop}");
        }

        _rawEscapes = outerRawEscapes;
    }

    private void ProcessSingleQuote(StringBuilder result)
    {
        // Everything up to the next single quote is literal; nothing can escape it.
        var close = _source.IndexOf('\'', _position + 1);
        if (close < 0)
        {
            throw Error("unexpected end of statement while looking for matching single-quote");
        }

        result.Append(_source, _position + 1, close - _position - 1);
        _position = close + 1;
    }

    private void ProcessDoubleQuote(StringBuilder result)
    {
        var source = _source;
        _position++;
        while (true)
        {
            if (_position >= source.Length)
            {
                throw Error("unexpected end of statement while looking for matching double-quote");
            }

            var c = source[_position];
            if (c == '"')
            {
                _position++;
                return;
            }

            if (c == '$')
            {
                Append(result, ProcessDollar());
                continue;
            }

            _position++;
            if (c == _escape)
            {
                if (_rawEscapes)
                {
                    result.Append(c);
                }

                if (_position >= source.Length)
                {
                    continue;
                }

                // Only ", $ and the escape itself can be escaped inside double quotes; otherwise the escape stays.
                var next = source[_position];
                if (next == '"' || next == '$' || next == _escape)
                {
                    c = next;
                    _position++;
                }
            }

            result.Append(c);
        }
    }

    private string ProcessDollar()
    {
        var source = _source;
        _position++;
        if (_position >= source.Length || source[_position] != '{')
        {
            var plainName = ScanName();
            if (plainName.IsEmpty)
            {
                return "$";
            }

            LookUp(plainName, out var plainValue);
            return plainValue;
        }

        _position++;
        if (_position >= source.Length)
        {
            throw Error(MissingBrace);
        }

        if (source[_position] is '{' or '}' or ':')
        {
            throw Error("syntax error: bad substitution");
        }

        var nameStart = _position;
        var nameLength = ScanName().Length;
        if (_position >= source.Length)
        {
            throw Error(MissingBrace);
        }

        var name = source.AsSpan(nameStart, nameLength);
        var modifier = source[_position++];
        switch (modifier)
        {
            case '}':
                LookUp(name, out var value);
                return value;
            case '/':
                return ProcessReplacement(nameStart, nameLength);
            case ':' or '+' or '-' or '?' or '#' or '%':
                return ProcessModifier(nameStart, nameLength, modifier);
            default:
                throw Error($"unsupported modifier ({modifier}) in substitution");
        }
    }

    private string ProcessModifier(int nameStart, int nameLength, char modifier)
    {
        var nullIsUnset = false;
        var operation = modifier;
        if (modifier == ':')
        {
            if (_position >= _source.Length)
            {
                throw Error(MissingBrace);
            }

            nullIsUnset = true;
            operation = _source[_position++];
        }

        // Patterns keep their escapes so that \* and \} can be told from * and }.
        var word = ProcessNested('}', rawEscapes: operation is '#' or '%', MissingBrace);
        var name = _source.AsSpan(nameStart, nameLength);
        var set = LookUp(name, out var value);
        var unsetOrNull = !set || (nullIsUnset && value.Length == 0);
        switch (operation)
        {
            case '-':
                return unsetOrNull ? word : value;
            case '+':
                return unsetOrNull ? string.Empty : word;
            case '?':
                if (!set)
                {
                    throw Error($"{name}: {(word.Length != 0 ? word : "is not allowed to be unset")}");
                }

                if (unsetOrNull)
                {
                    throw Error($"{name}: {(word.Length != 0 ? word : "is not allowed to be empty")}");
                }

                return value;
            case '#' or '%':
                // One # or % takes the shortest match, a doubled one the longest.
                var greedy = word.Length > 0 && word[0] == operation;
                if (greedy)
                {
                    word = word[1..];
                }

                return operation == '#' ? TrimPrefix(word, value, greedy) : TrimSuffix(word, value, greedy);
            default:
                throw Error($"unsupported modifier ({(nullIsUnset ? ":" : string.Empty)}{operation}) in substitution");
        }
    }

    private string ProcessReplacement(int nameStart, int nameLength)
    {
        var replaceAll = _position < _source.Length && _source[_position] == '/';
        if (replaceAll)
        {
            _position++;
        }

        var pattern = ProcessNested('/', rawEscapes: true, "syntax error: missing '/' in ${}");
        var replacement = ProcessNested('}', rawEscapes: true, MissingBrace);
        LookUp(_source.AsSpan(nameStart, nameLength), out var value);
        var compiled = Compile(pattern, pattern, greedy: true);
        return replaceAll
            ? compiled.ReplaceAll(value, replacement, ShellLexer.MaxWordLength) ?? throw TooLong()
            : compiled.ReplaceFirst(value, replacement);
    }

    // Variables are what makes a word grow beyond its source: one line can double the size of every
    // value before it, so the size is checked each time a value is added, before it can grow further.
    private readonly void Append(StringBuilder result, string value)
    {
        result.Append(value);
        if (result.Length > ShellLexer.MaxWordLength)
        {
            throw TooLong();
        }
    }

    private readonly WordExpansionException TooLong() =>
        Error($"the expanded word is longer than {ShellLexer.MaxWordLength / (1024 * 1024)} Mi characters");

    private string ProcessNested(char stop, bool rawEscapes, string missingMessage)
    {
        var builder = new StringBuilder();
        try
        {
            ProcessUntil(stop, rawEscapes, builder, words: null);
        }
        catch (WordExpansionException) when (_position >= _source.Length)
        {
            throw Error(missingMessage);
        }

        return builder.ToString();
    }

    private string TrimPrefix(string pattern, string value, bool greedy)
    {
        var end = Compile(pattern, pattern, greedy).MatchPrefix(value);
        return end < 0 ? value : value[end..];
    }

    private string TrimSuffix(string pattern, string value, bool greedy)
    {
        // Go regular expressions cannot find the shortest rightmost match, so BuildKit reverses
        // pattern and value and trims a prefix instead.
        var reversedValue = ShellPattern.ReverseRunes(value);
        var end = Compile(ShellPattern.Reverse(pattern), pattern, greedy).MatchPrefix(reversedValue);
        return end < 0 ? value : ShellPattern.ReverseRunes(reversedValue[end..]);
    }

    private ShellPattern Compile(string pattern, string shownPattern, bool greedy) =>
        ShellPattern.TryParse(pattern, greedy, out var error)
        ?? throw Error($"invalid pattern ({shownPattern}) in substitution: {error}");

    private ReadOnlySpan<char> ScanName()
    {
        var source = _source;
        var start = _position;
        if (start >= source.Length)
        {
            return [];
        }

        var first = RuneAt(start, out var length);
        // Positional parameters ($1, $001) take all their digits; special parameters take one character.
        if (Rune.IsDigit(first))
        {
            while (_position < source.Length && Rune.IsDigit(RuneAt(_position, out length)))
            {
                _position += length;
            }

            return source.AsSpan(start, _position - start);
        }

        if (first.Value is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            _position++;
            return source.AsSpan(start, 1);
        }

        while (_position < source.Length)
        {
            var rune = RuneAt(_position, out length);
            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && rune.Value != '_')
            {
                break;
            }

            _position += length;
        }

        return source.AsSpan(start, _position - start);
    }

    private readonly Rune RuneAt(int index, out int length)
    {
        Rune.DecodeFromUtf16(_source.AsSpan(index), out var rune, out length);
        return rune;
    }

    private bool LookUp(ReadOnlySpan<char> name, out string value)
    {
        string? nameText = null;
        bool found;
        if (_hasLookup)
        {
            found = _lookup.TryGetValue(name, out value!);
        }
        else
        {
            nameText = name.ToString();
            found = _env.TryGetValue(nameText, out value!);
        }

        value ??= string.Empty;
        if (_track)
        {
            nameText ??= name.ToString();
            if (found)
            {
                (Matched ??= new HashSet<string>(StringComparer.Ordinal)).Add(nameText);
            }
            else
            {
                (Unmatched ??= new HashSet<string>(StringComparer.Ordinal)).Add(nameText);
            }
        }

        return found;
    }

    private readonly WordExpansionException Error(string reason) => new(_source, reason);
}

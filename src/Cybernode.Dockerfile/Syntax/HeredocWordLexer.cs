using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// The slice of BuildKit's shell word lexer that heredoc detection depends on: word splitting
/// with quotes, <c>\</c> escapes, <c>$name</c>/<c>${...}</c> references (all treated as unset and
/// kept as written) and <c>&lt;&lt;</c> swallowing the blanks after it so that <c>&lt;&lt; EOF</c>
/// stays one word. Full expansion is the business of <c>Expansion.ShellLexer</c>; this only has
/// to agree with BuildKit on where heredoc words start and end.
/// </summary>
internal sealed class HeredocWordLexer
{
    private const char Escape = '\\';
    private readonly string _text;
    private readonly bool _rawQuotes;
    private bool _rawEscapes;
    private int _pos;

    private HeredocWordLexer(string text, bool rawQuotes, bool rawEscapes)
    {
        _text = text;
        _rawQuotes = rawQuotes;
        _rawEscapes = rawEscapes;
    }

    /// <summary>The words of <paramref name="text"/>, or the lexing error BuildKit would report.</summary>
    public static List<string> Split(string text, bool rawQuotes, bool rawEscapes, out string? error)
    {
        var lexer = new HeredocWordLexer(text, rawQuotes, rawEscapes);
        var words = new Expansion.ExpandedWords();
        error = lexer.ProcessUntil(null, words, out _);
        return error is null ? words.Finish() : [];
    }

    private string? ProcessUntil(char? stop, Expansion.ExpandedWords? words, out string result)
    {
        var sb = new StringBuilder();
        result = string.Empty;
        while (_pos < _text.Length)
        {
            var ch = _text[_pos];
            if (stop is { } s && ch == s)
            {
                _pos++;
                result = sb.ToString();
                return null;
            }

            string? piece;
            string? error;
            switch (ch)
            {
                case '$':
                    error = ProcessDollar(out piece);
                    if (error is not null)
                    {
                        return error;
                    }

                    sb.Append(piece);
                    words?.AddString(piece);
                    continue;
                case '\'':
                    error = ProcessSingleQuote(out piece);
                    break;
                case '"':
                    error = ProcessDoubleQuote(out piece);
                    break;
                case '<':
                    error = null;
                    piece = ProcessPossibleHeredoc();
                    break;
                default:
                    _pos++;
                    if (ch == Escape)
                    {
                        if (_rawEscapes)
                        {
                            words?.AddRawChar(ch);
                            sb.Append(ch);
                        }

                        if (_pos >= _text.Length)
                        {
                            goto done;
                        }

                        ch = _text[_pos++];
                        words?.AddRawChar(ch);
                    }
                    else
                    {
                        words?.AddChar(ch);
                    }

                    sb.Append(ch);
                    continue;
            }

            if (error is not null)
            {
                return error;
            }

            sb.Append(piece);
            words?.AddRawString(piece);
        }

    done:
        if (stop is { } missing)
        {
            return $"unexpected end of statement while looking for matching {missing}";
        }

        result = sb.ToString();
        return null;
    }

    private string? ProcessSingleQuote(out string piece)
    {
        var sb = new StringBuilder();
        piece = string.Empty;
        _pos++;
        if (_rawQuotes)
        {
            sb.Append('\'');
        }

        while (true)
        {
            if (_pos >= _text.Length)
            {
                return "unexpected end of statement while looking for matching single-quote";
            }

            var ch = _text[_pos++];
            if (ch == '\'')
            {
                if (_rawQuotes)
                {
                    sb.Append(ch);
                }

                piece = sb.ToString();
                return null;
            }

            sb.Append(ch);
        }
    }

    private string? ProcessDoubleQuote(out string piece)
    {
        var sb = new StringBuilder();
        piece = string.Empty;
        _pos++;
        if (_rawQuotes)
        {
            sb.Append('"');
        }

        while (true)
        {
            if (_pos >= _text.Length)
            {
                return "unexpected end of statement while looking for matching double-quote";
            }

            var ch = _text[_pos];
            if (ch == '"')
            {
                _pos++;
                if (_rawQuotes)
                {
                    sb.Append(ch);
                }

                piece = sb.ToString();
                return null;
            }

            if (ch == '$')
            {
                var error = ProcessDollar(out var value);
                if (error is not null)
                {
                    return error;
                }

                sb.Append(value);
                continue;
            }

            _pos++;
            if (ch == Escape)
            {
                if (_rawEscapes)
                {
                    sb.Append(ch);
                }

                if (_pos >= _text.Length)
                {
                    continue;
                }

                if (_text[_pos] is '"' or '$' or Escape)
                {
                    ch = _text[_pos++];
                }
            }

            sb.Append(ch);
        }
    }

    private string ProcessPossibleHeredoc()
    {
        _pos++;
        if (_pos >= _text.Length || _text[_pos] != '<')
        {
            return "<";
        }

        _pos++;
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }

        return string.Concat("<<", _text.AsSpan(start, _pos - start));
    }

    // Every variable is unset here, so references come back exactly as written.
    private string? ProcessDollar(out string piece)
    {
        _pos++;
        piece = "$";
        if (_pos >= _text.Length || _text[_pos] != '{')
        {
            var bare = ProcessName();
            piece = "$" + bare;
            return null;
        }

        _pos++;
        if (_pos >= _text.Length)
        {
            return "syntax error: missing '}'";
        }

        if (_text[_pos] is '{' or '}' or ':')
        {
            return "syntax error: bad substitution";
        }

        var name = ProcessName();
        if (_pos >= _text.Length)
        {
            return "unsupported modifier () in substitution";
        }

        var ch = _text[_pos++];
        switch (ch)
        {
            case '}':
                piece = "${" + name + "}";
                return null;
            case ':':
            case '+':
            case '-':
            case '?':
            case '#':
            case '%':
                var modifier = ch.ToString();
                if (ch == ':')
                {
                    if (_pos >= _text.Length)
                    {
                        return "syntax error: missing '}'";
                    }

                    ch = _text[_pos++];
                    modifier += ch;
                }

                var error = ProcessNested('}', ch is '#' or '%', out var word);
                if (error is not null)
                {
                    return _pos >= _text.Length ? "syntax error: missing '}'" : error;
                }

                piece = "${" + name + modifier + word + "}";
                return null;
            case '/':
                if (_pos < _text.Length && _text[_pos] == '/')
                {
                    _pos++;
                }

                error = ProcessNested('/', true, out var pattern);
                if (error is not null)
                {
                    return _pos >= _text.Length ? "syntax error: missing '/' in ${}" : error;
                }

                error = ProcessNested('}', true, out var replacement);
                if (error is not null)
                {
                    return _pos >= _text.Length ? "syntax error: missing '}'" : error;
                }

                piece = "${" + name + "/" + pattern + "/" + replacement + "}";
                return null;
            default:
                return $"unsupported modifier ({ch}) in substitution";
        }
    }

    private string? ProcessNested(char stop, bool rawEscapes, out string result)
    {
        var saved = _rawEscapes;
        _rawEscapes = rawEscapes;
        try
        {
            return ProcessUntil(stop, null, out result);
        }
        finally
        {
            _rawEscapes = saved;
        }
    }

    private string ProcessName()
    {
        var start = _pos;
        if (_pos < _text.Length && char.IsDigit(_text[_pos]))
        {
            while (_pos < _text.Length && char.IsDigit(_text[_pos]))
            {
                _pos++;
            }

            return _text[start.._pos];
        }

        if (_pos < _text.Length && _text[_pos] is '@' or '*' or '#' or '?' or '-' or '$' or '!' or '0')
        {
            _pos++;
            return _text[start.._pos];
        }

        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }
}

using System.Globalization;
using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Decides whether instruction arguments are exec form, following Go's <c>json.Unmarshal</c>
/// into <c>[]any</c>: the whole text must be one valid JSON value, nesting is limited to 10,000
/// levels, and a number too large for a double is an error (which BuildKit treats as "not JSON").
/// Hand-written and iterative so that deeply nested fuzz input cannot overflow the stack.
/// </summary>
internal static class JsonArrayReader
{
    private const int MaxDepth = 10_000;

    public static JsonArrayResult Read(string rest, out List<string> values)
    {
        values = [];
        var text = TextRules.TrimStartSpace(rest);
        if (text.IsEmpty || text[0] != '[')
        {
            return JsonArrayResult.NotJson;
        }

        var scanner = new Scanner(text, values);
        if (!scanner.Run())
        {
            values = [];
            return JsonArrayResult.NotJson;
        }

        if (scanner.HasNonString)
        {
            values = [];
            return JsonArrayResult.NotStringArray;
        }

        return JsonArrayResult.Strings;
    }

    private ref struct Scanner(ReadOnlySpan<char> text, List<string> values)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly List<string> _values = values;
        private readonly Stack<bool> _containers = new(); // true: array, false: object
        private int _pos;
        private bool _overflow;

        public bool HasNonString { get; private set; }

        public bool Run()
        {
            var expectValue = true;
            while (true)
            {
                SkipSpace();
                if (expectValue)
                {
                    // A value that opens a non-empty container is followed by that container's first value.
                    if (!ReadValue(out expectValue))
                    {
                        return false;
                    }

                    continue;
                }

                if (_containers.Count == 0)
                {
                    return _pos == _text.Length && !_overflow;
                }

                if (_pos >= _text.Length)
                {
                    return false;
                }

                var isArray = _containers.Peek();
                var c = _text[_pos];
                if (c == ',')
                {
                    _pos++;
                    if (!isArray && !ReadKey())
                    {
                        return false;
                    }

                    expectValue = true;
                }
                else if ((c == ']' && isArray) || (c == '}' && !isArray))
                {
                    _pos++;
                    _containers.Pop();
                }
                else
                {
                    return false;
                }
            }
        }

        private bool ReadValue(out bool openedContainer)
        {
            openedContainer = false;
            if (_pos >= _text.Length)
            {
                return false;
            }

            var topLevelElement = _containers.Count == 1 && _containers.Peek();
            var c = _text[_pos];
            if (topLevelElement && c != '"')
            {
                HasNonString = true;
            }

            switch (c)
            {
                case '[':
                case '{':
                    if (_containers.Count >= MaxDepth)
                    {
                        return false;
                    }

                    _pos++;
                    _containers.Push(c == '[');
                    SkipSpace();
                    if (_pos < _text.Length && _text[_pos] == (c == '[' ? ']' : '}'))
                    {
                        _pos++;
                        _containers.Pop();
                        return true;
                    }

                    openedContainer = true;
                    return c == '[' || ReadKeyBody();
                case '"':
                    return ReadString(topLevelElement ? new StringBuilder() : null);
                case 't':
                    return ReadLiteral("true");
                case 'f':
                    return ReadLiteral("false");
                case 'n':
                    return ReadLiteral("null");
                default:
                    return (c == '-' || char.IsAsciiDigit(c)) && ReadNumber();
            }
        }

        private bool ReadKey()
        {
            SkipSpace();
            return ReadKeyBody();
        }

        private bool ReadKeyBody()
        {
            if (_pos >= _text.Length || _text[_pos] != '"' || !ReadString(null))
            {
                return false;
            }

            SkipSpace();
            if (_pos >= _text.Length || _text[_pos] != ':')
            {
                return false;
            }

            _pos++;
            return true;
        }

        private bool ReadLiteral(string literal)
        {
            if (!_text[_pos..].StartsWith(literal, StringComparison.Ordinal))
            {
                return false;
            }

            _pos += literal.Length;
            return true;
        }

        private bool ReadNumber()
        {
            var start = _pos;
            if (_text[_pos] == '-')
            {
                _pos++;
            }

            if (_pos >= _text.Length || !char.IsAsciiDigit(_text[_pos]))
            {
                return false;
            }

            if (_text[_pos] == '0')
            {
                _pos++;
            }
            else
            {
                SkipDigits();
            }

            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                if (!SkipDigits())
                {
                    return false;
                }
            }

            if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
            {
                _pos++;
                if (_pos < _text.Length && _text[_pos] is '+' or '-')
                {
                    _pos++;
                }

                if (!SkipDigits())
                {
                    return false;
                }
            }

            var number = double.Parse(_text[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture);
            _overflow |= double.IsInfinity(number);
            return true;
        }

        private bool SkipDigits()
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            return _pos > start;
        }

        private bool ReadString(StringBuilder? decoded)
        {
            _pos++;
            while (_pos < _text.Length)
            {
                var c = _text[_pos++];
                if (c == '"')
                {
                    if (decoded is not null)
                    {
                        _values.Add(decoded.ToString());
                    }

                    return true;
                }

                if (c < ' ')
                {
                    return false;
                }

                if (c != '\\')
                {
                    decoded?.Append(c);
                    continue;
                }

                if (_pos >= _text.Length)
                {
                    return false;
                }

                var e = _text[_pos++];
                switch (e)
                {
                    case '"' or '\\' or '/':
                        decoded?.Append(e);
                        break;
                    case 'b':
                        decoded?.Append('\b');
                        break;
                    case 'f':
                        decoded?.Append('\f');
                        break;
                    case 'n':
                        decoded?.Append('\n');
                        break;
                    case 'r':
                        decoded?.Append('\r');
                        break;
                    case 't':
                        decoded?.Append('\t');
                        break;
                    case 'u':
                        if (!ReadUnicodeEscape(decoded))
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private bool ReadUnicodeEscape(StringBuilder? decoded)
        {
            if (!TryHex4(_pos, out var unit))
            {
                return false;
            }

            _pos += 4;
            if (!char.IsSurrogate((char)unit))
            {
                decoded?.Append((char)unit);
                return true;
            }

            // Go pairs a high surrogate with a following \u low surrogate; anything else
            // becomes U+FFFD.
            if (char.IsHighSurrogate((char)unit)
                && _pos + 6 <= _text.Length && _text[_pos] == '\\' && _text[_pos + 1] == 'u'
                && TryHex4(_pos + 2, out var low) && char.IsLowSurrogate((char)low))
            {
                _pos += 6;
                decoded?.Append((char)unit).Append((char)low);
                return true;
            }

            decoded?.Append('\uFFFD');
            return true;
        }

        private readonly bool TryHex4(int at, out int value)
        {
            value = 0;
            if (at + 4 > _text.Length)
            {
                return false;
            }

            for (var i = at; i < at + 4; i++)
            {
                var digit = HexValue(_text[i]);
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | digit;
            }

            return true;
        }

        private static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        private void SkipSpace()
        {
            while (_pos < _text.Length && TextRules.IsJsonSpace(_text[_pos]))
            {
                _pos++;
            }
        }
    }
}

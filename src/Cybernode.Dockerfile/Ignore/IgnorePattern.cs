using System.Text;
using System.Text.RegularExpressions;

namespace Cybernode.Dockerfile.Ignore;

/// <summary>
/// One cleaned .dockerignore line compiled the way moby/patternmatcher compiles it: plain names compare
/// exactly, <c>name**</c> compares as a prefix, a leading <c>**</c> followed by plain text as a suffix,
/// and anything else becomes a regular expression (<c>*</c> is <c>[^/]*</c>, <c>**/</c> any number of
/// folders, <c>?</c> one character but <c>/</c>; brackets pass through as a regex class).
/// </summary>
internal sealed class IgnorePattern
{
    private const string OneCharacter = "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^/])";

    private readonly MatchKind _kind;
    private readonly Regex? _regex;

    private IgnorePattern(string text, bool isException, MatchKind kind, Regex? regex)
    {
        Text = text;
        IsException = isException;
        _kind = kind;
        _regex = regex;
    }

    private enum MatchKind
    {
        Exact,
        Prefix,
        Suffix,
        Expression,
    }

    /// <summary>The cleaned pattern without its leading <c>!</c>.</summary>
    public string Text { get; }

    /// <summary>Whether the line started with <c>!</c> and re-includes what it matches.</summary>
    public bool IsException { get; }

    public static IgnorePattern Compile(string line)
    {
        var text = GoPath.Clean(line.Trim());
        var isException = text[0] == '!';
        if (isException)
        {
            if (text.Length == 1)
            {
                throw new InvalidPatternException(line, "illegal exclusion pattern");
            }

            text = text[1..];
        }

        // patternmatcher checks the syntax with filepath.Match, whose rules differ from the regex it then builds.
        GoPathMatch.Match(text, ".");

        var expression = new StringBuilder("^");
        var kind = MatchKind.Exact;
        var inBracket = false;
        var trailingEscape = false;
        for (int position = 0, token = 0; position < text.Length; token++)
        {
            var c = text[position++];
            switch (c)
            {
                case '*' when position < text.Length && text[position] == '*':
                    position++;
                    if (position < text.Length && text[position] == '/')
                    {
                        position++;
                    }

                    if (position < text.Length)
                    {
                        expression.Append("(.*/)?");
                        kind = MatchKind.Expression;
                    }
                    else if (kind == MatchKind.Exact)
                    {
                        kind = MatchKind.Prefix;
                    }
                    else
                    {
                        expression.Append(".*");
                        kind = MatchKind.Expression;
                    }

                    if (token == 0)
                    {
                        kind = MatchKind.Suffix;
                    }

                    break;
                case '*':
                    expression.Append("[^/]*");
                    kind = MatchKind.Expression;
                    break;
                case '?':
                    // Inside a bracket patternmatcher's output is odd anyway; keep it the same odd class.
                    expression.Append(inBracket ? "[^/]" : OneCharacter);
                    kind = MatchKind.Expression;
                    break;
                case '.' or '+' or '(' or ')' or '|' or '{' or '}' or '$':
                    expression.Append('\\').Append(c);
                    break;
                case '\\' when position < text.Length:
                    AppendEscaped(expression, text[position++], line);
                    kind = MatchKind.Expression;
                    break;
                case '\\':
                    // A trailing backslash turns patternmatcher's closing "$" into a literal dollar.
                    expression.Append('\\');
                    trailingEscape = true;
                    break;
                case '[' or ']':
                    inBracket = c == '[';
                    expression.Append(c);
                    kind = MatchKind.Expression;
                    break;
                default:
                    expression.Append(c);
                    break;
            }
        }

        if (kind != MatchKind.Expression)
        {
            return new IgnorePattern(text, isException, kind, regex: null);
        }

        expression.Append(trailingEscape ? "$" : "\\z");
        try
        {
            return new IgnorePattern(text, isException, kind, new Regex(expression.ToString(), RegexOptions.CultureInvariant));
        }
        catch (ArgumentException error)
        {
            throw new InvalidPatternException(line, $"invalid pattern ({error.Message})");
        }
    }

    public bool Matches(ReadOnlySpan<char> path)
    {
        switch (_kind)
        {
            case MatchKind.Exact:
                return path.SequenceEqual(Text);
            case MatchKind.Prefix:
                return path.StartsWith(Text.AsSpan(0, Text.Length - 2), StringComparison.Ordinal);
            case MatchKind.Suffix:
                var suffix = Text.AsSpan(2);
                // "**/foo" also matches "foo" at the root.
                return path.EndsWith(suffix, StringComparison.Ordinal)
                    || (suffix.Length > 0 && suffix[0] == '/' && path.SequenceEqual(suffix[1..]));
            default:
                return _regex!.IsMatch(path);
        }
    }

    /// <summary>
    /// Writes what Go's regexp makes of <c>\c</c>: punctuation is literal and the escapes both engines
    /// share pass through; anything else Go refuses to compile, so it is refused here.
    /// </summary>
    private static void AppendEscaped(StringBuilder expression, char c, string line)
    {
        if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
        {
            // .NET rejects "\_" although Go reads it as "_".
            expression.Append(c == '_' ? "_" : $"\\{c}");
            return;
        }

        if ("afnrtvdDsSwWbBAz".Contains(c, StringComparison.Ordinal))
        {
            expression.Append('\\').Append(c);
            return;
        }

        throw new InvalidPatternException(line, $"unsupported escape '\\{c}'");
    }
}

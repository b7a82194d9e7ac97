using System.Text;

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 7235): a scheme and its parameters, such
/// as <c>Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"</c>.
/// </summary>
public sealed class AuthChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
{
    public const string HeaderName = "WWW-Authenticate";

    public string Scheme { get; } = scheme;

    /// <summary>Parameter names are matched without regard to case, as the RFC says.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The challenges of a response, from every WWW-Authenticate header it carries, as sent.</summary>
    public static IReadOnlyList<AuthChallenge> From(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues(HeaderName, out var values)
            ? [.. values.SelectMany(Parse)]
            : [];

    /// <summary>The challenges of one header value; several may share it, separated by commas.</summary>
    public static IReadOnlyList<AuthChallenge> Parse(string header)
    {
        var challenges = new List<AuthChallenge>();
        var reader = new Reader(header);
        while (reader.SkipSeparators())
        {
            var scheme = reader.Token();
            if (scheme.Length == 0)
            {
                continue;
            }

            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (reader.NextIsParameter())
            {
                var name = reader.Token();
                reader.Expect('=');
                parameters[name] = reader.Value();
                reader.SkipSpaces();
                if (!reader.Take(','))
                {
                    break;
                }
            }

            challenges.Add(new AuthChallenge(scheme, parameters));
        }

        return challenges;
    }

    // A cursor over the header: tokens, quoted strings with backslash escapes, separators.
    private sealed class Reader(string text)
    {
        private int _at;

        public bool SkipSeparators()
        {
            while (_at < text.Length && (text[_at] == ',' || char.IsWhiteSpace(text[_at])))
            {
                _at++;
            }

            return _at < text.Length;
        }

        public void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public string Token()
        {
            SkipSpaces();
            var start = _at;
            while (_at < text.Length && IsTokenChar(text[_at]))
            {
                _at++;
            }

            if (start == _at && _at < text.Length)
            {
                // Not a token: skipped, so a malformed header cannot hold the reader in place.
                _at++;
                return "";
            }

            return text[start.._at];
        }

        // "name=" ahead (a parameter) rather than "Scheme " (the next challenge); token68 values are not used by registries.
        public bool NextIsParameter()
        {
            var at = _at;
            while (at < text.Length && (char.IsWhiteSpace(text[at]) || text[at] == ','))
            {
                at++;
            }

            var start = at;
            while (at < text.Length && IsTokenChar(text[at]))
            {
                at++;
            }

            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            if (at > start && at < text.Length && text[at] == '=')
            {
                _at = start;
                return true;
            }

            return false;
        }

        public void Expect(char c)
        {
            SkipSpaces();
            Take(c);
        }

        public bool Take(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public string Value()
        {
            SkipSpaces();
            if (!Take('"'))
            {
                var start = _at;
                while (_at < text.Length && text[_at] != ',' && !char.IsWhiteSpace(text[_at]))
                {
                    _at++;
                }

                return text[start.._at];
            }

            var value = new StringBuilder();
            while (_at < text.Length && text[_at] != '"')
            {
                if (text[_at] == '\\' && _at + 1 < text.Length)
                {
                    _at++;
                }

                value.Append(text[_at++]);
            }

            Take('"');
            return value.ToString();
        }

        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
    }
}

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>
/// Checks an instruction's raw <c>--name[=value]</c> flags against the ones it accepts, with
/// BuildKit's rules: boolean flags take no value or true/false, string flags need a value and
/// appear once, list flags may repeat.
/// </summary>
internal sealed class FlagSet
{
    private readonly Dictionary<string, FlagKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _lists = new(StringComparer.Ordinal);

    private enum FlagKind
    {
        Bool,
        String,
        List,
    }

    public FlagSet Bool(string name) => Add(name, FlagKind.Bool);

    public FlagSet String(string name) => Add(name, FlagKind.String);

    public FlagSet List(string name) => Add(name, FlagKind.List);

    /// <summary>Reads the flags; returns an error message or null.</summary>
    public string? Parse(IReadOnlyList<string> flags)
    {
        foreach (var flag in flags)
        {
            if (!flag.StartsWith("--", StringComparison.Ordinal))
            {
                return $"arg should start with -- : {flag}";
            }

            if (flag == "--")
            {
                return null;
            }

            var body = flag[2..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? body : body[..eq];
            var value = eq < 0 ? string.Empty : body[(eq + 1)..];
            if (!_kinds.TryGetValue(name, out var kind))
            {
                return Suggestion.WithHint($"unknown flag: {name}", Suggestion.Closest(name, _kinds.Keys, caseSensitive: true));
            }

            switch (kind)
            {
                case FlagKind.Bool:
                    if (_values.ContainsKey(name))
                    {
                        return $"duplicate flag specified: {name}";
                    }

                    if (eq >= 0 && value.Length == 0)
                    {
                        return $"missing a value on flag: {name}";
                    }

                    var lower = value.ToLowerInvariant();
                    if (lower is not ("" or "true" or "false"))
                    {
                        return $"expecting boolean value for flag {name}, not: {value}";
                    }

                    _values[name] = lower is "" or "true" ? "true" : "false";
                    break;
                case FlagKind.String:
                    if (_values.ContainsKey(name))
                    {
                        return $"duplicate flag specified: {name}";
                    }

                    if (eq < 0)
                    {
                        return $"missing a value on flag: {name}";
                    }

                    _values[name] = value;
                    break;
                default:
                    if (eq < 0)
                    {
                        return $"missing a value on flag: {name}";
                    }

                    if (!_lists.TryGetValue(name, out var list))
                    {
                        _lists[name] = list = [];
                    }

                    list.Add(value);
                    break;
            }
        }

        return null;
    }

    public bool IsSet(string name) => _values.TryGetValue(name, out var value) && value == "true";

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public IReadOnlyList<string> Values(string name) => _lists.TryGetValue(name, out var list) ? list : [];

    private FlagSet Add(string name, FlagKind kind)
    {
        _kinds[name] = kind;
        return this;
    }
}

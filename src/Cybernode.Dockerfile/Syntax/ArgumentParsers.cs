namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Turns the text after an instruction's flags into the argument list, one rule per
/// instruction family, exactly as BuildKit's line parsers do. Errors come back as messages;
/// the caller knows the location.
/// </summary>
internal static class ArgumentParsers
{
    private static readonly string[] NoArguments = [];

    public static bool IsKnown(string keyword) => keyword switch
    {
        "add" or "arg" or "cmd" or "copy" or "entrypoint" or "env" or "expose" or "from" or "healthcheck"
            or "label" or "maintainer" or "onbuild" or "run" or "shell" or "stopsignal" or "user" or "volume"
            or "workdir" => true,
        _ => false,
    };

    public static IReadOnlyList<string> KnownKeywords { get; } =
    [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ];

    /// <summary>Parses the arguments of every instruction except ONBUILD, which nests a whole instruction.</summary>
    public static IReadOnlyList<string> Parse(string keyword, string rest, char escapeToken, out bool isJson, out string? error)
    {
        isJson = false;
        error = null;
        switch (keyword)
        {
            case "add" or "copy" or "volume":
                return MaybeJsonToList(rest, out isJson, out error);
            case "cmd" or "entrypoint" or "run" or "shell":
                return MaybeJson(rest, out isJson, out error);
            case "env":
                return NameValue(rest, "ENV", escapeToken, out error);
            case "label":
                return NameValue(rest, "LABEL", escapeToken, out error);
            case "arg":
                return QuotedWordSplitter.Split(rest, escapeToken);
            case "expose" or "from":
                return WhitespaceDelimited(rest);
            case "healthcheck":
                return HealthConfig(rest, out isJson, out error);
            default:
                return rest.Length == 0 ? NoArguments : [rest];
        }
    }

    private static IReadOnlyList<string> WhitespaceDelimited(string rest) =>
        rest.Length == 0 ? NoArguments : TextRules.SplitAllRuns(rest);

    private static IReadOnlyList<string> MaybeJson(string rest, out bool isJson, out string? error)
    {
        if (rest.Length == 0)
        {
            isJson = false;
            error = null;
            return NoArguments;
        }

        return JsonArray(rest, out isJson, out error) ?? [rest];
    }

    private static IReadOnlyList<string> MaybeJsonToList(string rest, out bool isJson, out string? error) =>
        JsonArray(rest, out isJson, out error) ?? WhitespaceDelimited(rest);

    /// <summary>The exec-form arguments, or null when <paramref name="rest"/> is not JSON and the caller's plain form applies.</summary>
    private static IReadOnlyList<string>? JsonArray(string rest, out bool isJson, out string? error)
    {
        isJson = false;
        error = null;
        switch (JsonArrayReader.Read(rest, out var values))
        {
            case JsonArrayResult.Strings:
                isJson = true;
                return values;
            case JsonArrayResult.NotStringArray:
                error = "when using JSON array syntax, arrays must be comprised of strings only";
                return NoArguments;
            default:
                return null;
        }
    }

    // ENV and LABEL accept the legacy "KEY value with spaces" form (chosen when the first word
    // has no '=') and the "k=v k2=v2" form. Each pair becomes key, value and separator.
    private static IReadOnlyList<string> NameValue(string rest, string instruction, char escapeToken, out string? error)
    {
        error = null;
        var words = QuotedWordSplitter.Split(rest, escapeToken);
        if (words.Count == 0)
        {
            return NoArguments;
        }

        if (!words[0].Contains('=', StringComparison.Ordinal))
        {
            var (key, value) = TextRules.SplitFirstRun(rest);
            if (value.Length == 0 && key.Length == rest.Length)
            {
                error = $"{instruction} must have two arguments";
                return NoArguments;
            }

            return [key, value, string.Empty];
        }

        var result = new List<string>(words.Count * 3);
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                error = $"Syntax error - can't find = in {GoQuote.Quote(word)}. Must be of the form: name=value";
                return NoArguments;
            }

            result.Add(word[..eq]);
            result.Add(word[(eq + 1)..]);
            result.Add("=");
        }

        return result;
    }

    // HEALTHCHECK TYPE [command]: the type word, then the command parsed like CMD.
    private static IReadOnlyList<string> HealthConfig(string rest, out bool isJson, out string? error)
    {
        isJson = false;
        error = null;
        var sep = 0;
        while (sep < rest.Length && !TextRules.IsSpace(rest[sep]))
        {
            sep++;
        }

        if (sep == 0)
        {
            return NoArguments;
        }

        var next = sep;
        while (next < rest.Length && TextRules.IsSpace(rest[next]))
        {
            next++;
        }

        var command = MaybeJson(rest[next..], out isJson, out error);
        if (error is not null)
        {
            return NoArguments;
        }

        var result = new List<string>(command.Count + 1) { rest[..sep] };
        result.AddRange(command);
        return result;
    }
}

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Lint;

/// <summary>The <c># check=</c> directive: <c>skip=A,B</c> or <c>skip=all</c>, <c>error=true</c>, separated by <c>;</c>.</summary>
internal sealed record LintOptions(IReadOnlySet<string> Skipped, bool SkipAll, bool ErrorOnWarning)
{
    public static LintOptions From(DockerfileAst ast, string? fileName)
    {
        var directive = ast.Directives.FirstOrDefault(d => d.Name == "check");
        if (directive is null)
        {
            return new LintOptions(new HashSet<string>(), false, false);
        }

        var skipped = new HashSet<string>(StringComparer.Ordinal);
        var skipAll = false;
        var error = false;
        foreach (var part in directive.Value.Split(';', 2))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw Invalid(directive, fileName, $"invalid check option \"{part}\"");
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            switch (key)
            {
                case "skip" when value == "all":
                    skipAll = true;
                    break;
                case "skip":
                    foreach (var rule in value.Split(','))
                    {
                        skipped.Add(rule.Trim());
                    }

                    break;
                case "error":
                    error = ParseGoBool(value) ?? throw Invalid(directive, fileName, $"failed to parse check option \"{part}\"");
                    break;
                case "experimental":
                    // Experimental checks are not implemented, so enabling them changes nothing.
                    break;
                default:
                    throw Invalid(directive, fileName, $"invalid check option \"{key}\"");
            }
        }

        return new LintOptions(skipped, skipAll, error);
    }

    public bool Runs(string check) => !SkipAll && !Skipped.Contains(check);

    // Go's strconv.ParseBool.
    private static bool? ParseGoBool(string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };

    private static DockerfileSyntaxException Invalid(ParserDirective directive, string? fileName, string reason) =>
        new(reason, fileName, directive.Line, 1, $"# check={directive.Value}");
}

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Lint;

/// <summary>BuildKit's checks on how variables are declared and used: LegacyKeyValueFormat, SecretsUsedInArgOrEnv, UndefinedVar.</summary>
internal static class VariableChecks
{
    // Instructions whose arguments BuildKit expands. RUN, CMD and ENTRYPOINT are left out: in shell
    // form the shell expands them (it may know variables the Dockerfile does not), in JSON form nothing does.
    private static readonly HashSet<string> ExpandedArguments = new(StringComparer.Ordinal)
    {
        "copy", "add", "workdir", "user", "volume", "expose", "stopsignal",
    };

    private static readonly string[] ExpandedFlags = ["--chown=", "--chmod=", "--from="];

    /// <summary>An ARG before the first FROM: only its name is checked, its scope is the FROM lines.</summary>
    public static void CheckGlobalArg(InstructionNode node, LintRun run)
    {
        foreach (var (name, _) in ArgDeclarations(node))
        {
            CheckSecret("ARG", name, node, run);
        }
    }

    public static void Check(InstructionNode node, StageVariables stage, LintRun run)
    {
        switch (node.Keyword)
        {
            case "env":
                CheckEnv(node, stage, run);
                break;
            case "label":
                CheckLegacyFormat(node, run);
                foreach (var word in node.Arguments)
                {
                    stage.CheckUses(word, node, run);
                }

                break;
            case "arg":
                foreach (var (name, value) in ArgDeclarations(node))
                {
                    CheckSecret("ARG", name, node, run);
                    if (value is not null)
                    {
                        stage.CheckUses(value, node, run);
                    }

                    stage.DeclareArg(name);
                }

                break;
            case var keyword when ExpandedArguments.Contains(keyword):
                foreach (var word in node.Arguments.Concat(node.Flags.Where(f => ExpandedFlags.Any(prefix => f.StartsWith(prefix, StringComparison.Ordinal)))))
                {
                    stage.CheckUses(word, node, run);
                }

                break;
        }
    }

    // Every value of one ENV is expanded with the variables from before it, so its own keys come after.
    private static void CheckEnv(InstructionNode node, StageVariables stage, LintRun run)
    {
        CheckLegacyFormat(node, run);
        var pairs = KeyValuePairs(node).ToList();
        foreach (var (key, value) in pairs)
        {
            CheckSecret("ENV", key, node, run);
            stage.CheckUses(value, node, run);
        }

        foreach (var (key, _) in pairs)
        {
            stage.DeclareEnv(key);
        }
    }

    // The parser stores ENV and LABEL as key, value, separator triples; the legacy "KEY value" form has an empty separator.
    private static void CheckLegacyFormat(InstructionNode node, LintRun run)
    {
        if (node.Arguments.Count == 3 && node.Arguments[2].Length == 0)
        {
            var keyword = node.KeywordAsWritten.ToUpperInvariant();
            run.Report("LegacyKeyValueFormat", node.StartLine, $"\"{keyword} key=value\" should be used instead of legacy \"{keyword} key value\" format");
        }
    }

    private static void CheckSecret(string instruction, string name, InstructionNode node, LintRun run)
    {
        if (SecretNames.LookSecret(name))
        {
            run.Report("SecretsUsedInArgOrEnv", node.StartLine, $"Do not use ARG or ENV instructions for sensitive data ({instruction} {GoQuote.Quote(name)})");
        }
    }

    private static IEnumerable<(string Key, string Value)> KeyValuePairs(InstructionNode node)
    {
        for (var i = 0; i + 1 < node.Arguments.Count; i += 3)
        {
            yield return (node.Arguments[i], node.Arguments[i + 1]);
        }
    }

    private static IEnumerable<(string Name, string? Value)> ArgDeclarations(InstructionNode node) =>
        node.Arguments.Select(word => word.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? (word[..eq], (string?)word[(eq + 1)..]) : (word, null));
}

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Lint;

/// <summary>
/// BuildKit's build checks that can be decided from the text alone. Works on the AST rather
/// than the typed model so that a file with semantic errors can still be linted.
/// </summary>
public static class DockerfileLinter
{
    // ARGs BuildKit defines for every build, so FROM may use them without declaring them.
    private static readonly string[] PredefinedArgs =
    [
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    ];

    private static readonly string[] ReservedStageNames = ["context", "scratch"];

    /// <summary>Runs the checks, honouring <c># check=skip=...</c> and <c># check=error=true</c>.</summary>
    /// <returns>Findings ordered by line.</returns>
    /// <exception cref="DockerfileSyntaxException">The <c># check=</c> directive is malformed.</exception>
    public static IReadOnlyList<LintWarning> Lint(DockerfileAst ast, string? fileName)
    {
        fileName ??= ast.FileName;
        var options = LintOptions.From(ast, fileName);
        var run = new LintRun(options, fileName, ast.EscapeToken);

        foreach (var warning in ast.Warnings)
        {
            run.Report("NoEmptyContinuation", warning.Line, "Empty continuation line");
        }

        var firstFrom = FindFirstFrom(ast.Instructions);
        var declared = new HashSet<string>(PredefinedArgs, StringComparer.Ordinal);
        for (var i = 0; i < firstFrom; i++)
        {
            if (ast.Instructions[i].Keyword == "arg")
            {
                VariableChecks.CheckGlobalArg(ast.Instructions[i], run);
                foreach (var word in ast.Instructions[i].Arguments)
                {
                    var eq = word.IndexOf('=', StringComparison.Ordinal);
                    declared.Add(eq < 0 ? word : word[..eq]);
                }
            }
        }

        var stagesByName = new Dictionary<string, StageState>(StringComparer.Ordinal);
        StageState? stage = null;
        for (var i = firstFrom; i < ast.Instructions.Count; i++)
        {
            var node = ast.Instructions[i];
            if (node.Keyword == "from")
            {
                stage = CheckFrom(node, run, declared, stagesByName);
                continue;
            }

            if (stage is not null)
            {
                CheckStageInstruction(node, stage, run);
            }
        }

        CheckCasing(ast.Instructions, firstFrom, run);
        return run.Finish();
    }

    private static int FindFirstFrom(IReadOnlyList<InstructionNode> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Keyword == "from")
            {
                return i;
            }
        }

        return nodes.Count;
    }

    private static StageState CheckFrom(
        InstructionNode node,
        LintRun run,
        HashSet<string> declared,
        Dictionary<string, StageState> stagesByName)
    {
        var args = node.Arguments;
        var parent = args.Count > 0 ? stagesByName.GetValueOrDefault(args[0].ToLowerInvariant()) : null;
        var stage = new StageState(new StageVariables(parent?.Variables, args.Count > 0 && args[0] == "scratch"));
        if (parent is not null)
        {
            // A stage built on an earlier stage inherits its SHELL and WORKDIR.
            stage.HasShell = parent.HasShell;
            stage.WorkdirSet = parent.WorkdirSet;
        }

        if (args.Count > 0)
        {
            CheckUndeclaredArgs(node, args[0], run, declared);
        }

        var platform = node.Flags.FirstOrDefault(f => f.StartsWith("--platform=", StringComparison.Ordinal));
        if (platform is not null)
        {
            CheckUndeclaredArgs(node, platform["--platform=".Length..], run, declared);
        }

        if (args.Count != 3)
        {
            return stage;
        }

        var written = node.KeywordAsWritten;
        var fromLower = TextRules.IsLowerCase(written);
        if ((fromLower || TextRules.IsUpperCase(written))
            && !(fromLower ? TextRules.IsLowerCase(args[1]) : TextRules.IsUpperCase(args[1])))
        {
            run.Report("FromAsCasing", node.StartLine, $"'{args[1]}' and '{written}' keywords' casing do not match");
        }

        if (!string.Equals(args[1], "as", StringComparison.OrdinalIgnoreCase))
        {
            return stage;
        }

        var name = args[2];
        var lower = name.ToLowerInvariant();
        if (!TextRules.IsLowerCase(name))
        {
            run.Report("StageNameCasing", node.StartLine, $"Stage name '{name}' should be lowercase");
        }

        if (ReservedStageNames.Contains(lower))
        {
            run.Report("ReservedStageName", node.StartLine, $"Stage name should not use the same name as reserved stage {GoQuote.Quote(lower)}");
        }

        if (!stagesByName.TryAdd(lower, stage))
        {
            run.Report("DuplicateStageName", node.StartLine, $"Duplicate stage name {GoQuote.Quote(lower)}, stage names should be unique");
        }

        return stage;
    }

    private static void CheckUndeclaredArgs(InstructionNode node, string word, LintRun run, HashSet<string> declared)
    {
        foreach (var name in VariableReferences.In(word, run.EscapeToken).Distinct(StringComparer.Ordinal))
        {
            if (!declared.Contains(name))
            {
                var hint = Suggestion.Closest(name, declared, caseSensitive: true);
                run.Report("UndefinedArgInFrom", node.StartLine, Suggestion.WithHint($"FROM argument '{name}' is not declared", hint));
            }
        }
    }

    private static void CheckStageInstruction(InstructionNode node, StageState stage, LintRun run)
    {
        VariableChecks.Check(node, stage.Variables, run);
        switch (node.Keyword)
        {
            case "maintainer":
                run.Report("MaintainerDeprecated", node.StartLine, "Maintainer instruction is deprecated in favor of using label");
                break;
            case "shell":
                stage.HasShell = true;
                break;
            case "cmd" or "entrypoint":
                if (!node.IsJsonForm && !stage.HasShell && !ShellNeeds.Apply(string.Join(' ', node.Arguments)))
                {
                    run.Report(
                        "JSONArgsRecommended",
                        node.StartLine,
                        $"JSON arguments recommended for {node.KeywordAsWritten} to prevent unintended behavior related to OS signals");
                }

                CheckUsedOnce(node, stage, run);
                break;
            case "healthcheck":
                CheckUsedOnce(node, stage, run);
                break;
            case "workdir":
                if (!stage.WorkdirSet && node.Arguments.Count == 1 && IsRelative(node.Arguments[0]))
                {
                    run.Report(
                        "WorkdirRelativePath",
                        node.StartLine,
                        $"Relative workdir {GoQuote.Quote(node.Arguments[0])} can have unexpected results if the base image changes");
                }

                stage.WorkdirSet = true;
                break;
        }
    }

    // Only the last CMD, ENTRYPOINT or HEALTHCHECK counts; BuildKit points at the one that is ignored.
    private static void CheckUsedOnce(InstructionNode node, StageState stage, LintRun run)
    {
        if (stage.LastOfKind.TryGetValue(node.Keyword, out var previous))
        {
            run.Report(
                "MultipleInstructionsDisallowed",
                previous.StartLine,
                $"Multiple {node.KeywordAsWritten} instructions should not be used in the same stage because only the last one will be used");
        }

        stage.LastOfKind[node.Keyword] = node;
    }

    // A path that starts with a variable may well expand to an absolute one, so it is not reported.
    private static bool IsRelative(string path) => !path.StartsWith('/') && !path.StartsWith('$');

    private static void CheckCasing(IReadOnlyList<InstructionNode> nodes, int firstFrom, LintRun run)
    {
        int lower = 0, upper = 0;
        for (var i = firstFrom; i < nodes.Count; i++)
        {
            var written = nodes[i].KeywordAsWritten;
            if (TextRules.IsLowerCase(written))
            {
                lower++;
            }
            else if (TextRules.IsUpperCase(written))
            {
                upper++;
            }
        }

        var majorityLower = lower > upper;
        for (var i = firstFrom; i < nodes.Count; i++)
        {
            var written = nodes[i].KeywordAsWritten;
            var expected = majorityLower
                ? (TextRules.IsLowerCase(written) ? null : "lowercase")
                : (TextRules.IsUpperCase(written) ? null : "uppercase");
            if (expected is not null)
            {
                run.Report(
                    "ConsistentInstructionCasing",
                    nodes[i].StartLine,
                    $"Command '{written}' should match the case of the command majority ({expected})");
            }
        }
    }

    private sealed class StageState(StageVariables variables)
    {
        public StageVariables Variables { get; } = variables;

        public bool HasShell { get; set; }

        public bool WorkdirSet { get; set; }

        public Dictionary<string, InstructionNode> LastOfKind { get; } = new(StringComparer.Ordinal);
    }
}

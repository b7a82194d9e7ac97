using System.Globalization;
using Cybernode.Build.Assembly;
using Cybernode.Dockerfile.Expansion;
using Cybernode.Dockerfile.Instructions;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;

namespace Cybernode.Build.Planning;

/// <summary>The images a Dockerfile needs from outside itself: its FROM and COPY --from images that are not its own stages.</summary>
public static class DockerfileReferences
{
    /// <summary>The images every stage names, as an engine that builds every stage needs them.</summary>
    public static IReadOnlyList<ImageMention> Find(ParsedDockerfile dockerfile, string dockerfilePath, IReadOnlyDictionary<string, string> buildArgs, Platform platform) =>
        Collect(dockerfile, dockerfilePath, buildArgs, platform, usedBy: null);

    /// <summary>
    /// The images the stages that make <paramref name="target"/> (the last stage when null) name:
    /// the in-process assembler skips the other stages, as BuildKit does.
    /// </summary>
    public static IReadOnlyList<ImageMention> FindUsed(ParsedDockerfile dockerfile, string dockerfilePath, IReadOnlyDictionary<string, string> buildArgs, Platform platform, string? target) =>
        Collect(dockerfile, dockerfilePath, buildArgs, platform, usedBy: target ?? "");

    private static List<ImageMention> Collect(ParsedDockerfile dockerfile, string dockerfilePath, IReadOnlyDictionary<string, string> buildArgs, Platform platform, string? usedBy)
    {
        var (model, escapeToken) = dockerfile;
        var lexer = new ShellLexer(escapeToken);
        var scope = new Dictionary<string, string>(ImageDrafter.PlatformArgs(platform), StringComparer.Ordinal);
        foreach (var definition in model.GlobalArgs.SelectMany(a => a.Arguments))
        {
            if (buildArgs.TryGetValue(definition.Name, out var given))
            {
                scope[definition.Name] = given;
            }
            else if (definition.DefaultValue is { } fallback)
            {
                scope[definition.Name] = TryExpand(lexer, fallback, scope) ?? fallback;
            }
        }

        var stages = model.Stages;
        var references = stages.Select(stage => References(stage, lexer, scope).Select(r => (r.Word, r.Line, r.IsCopy, r.Platform, Stage: StageNamed(stages, stage.Index, r.Word, r.IsCopy))).ToList()).ToList();
        var wanted = usedBy is null ? Enumerable.Range(0, stages.Count).ToHashSet() : Used(stages, references.Select(r => r.Select(x => x.Stage)).ToList(), usedBy);
        var mentions = new List<ImageMention>();
        foreach (var index in wanted.Order())
        {
            foreach (var (word, line, isCopy, platformWord, stage) in references[index])
            {
                if (word is not null && stage is null && word != "scratch" && ImageReference.TryParse(word, out var reference, out _))
                {
                    mentions.Add(new ImageMention(reference, dockerfilePath, line, PlatformOf(platformWord) ?? platform) { IsCopy = isCopy });
                }
            }
        }

        return mentions;
    }

    /// <summary>The images a stage names, each with its line and, for FROM --platform, the platform it asks for.</summary>
    private static IEnumerable<(string? Word, int Line, bool IsCopy, string? Platform)> References(Stage stage, ShellLexer lexer, IReadOnlyDictionary<string, string> scope) =>
        stage.Instructions.OfType<CopyInstruction>().Where(c => c.From is not null).Select(c => (TryExpand(lexer, c.From!, scope), c.Node.StartLine, true, (string?)null))
            .Prepend((TryExpand(lexer, stage.From.Image, scope), stage.From.Node.StartLine, false, stage.From.Platform is { } asked ? TryExpand(lexer, asked, scope) : null));

    /// <summary>The stage a FROM or COPY --from word names: a stage's name, or for COPY an earlier stage's number.</summary>
    private static int? StageNamed(IReadOnlyList<Stage> stages, int current, string? word, bool isCopy)
    {
        if (word is null)
        {
            return null;
        }

        var named = stages.FirstOrDefault(s => string.Equals(s.Name, word, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named.Index;
        }

        return isCopy && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current ? index : null;
    }

    /// <summary>The target stage (by name or number; the last when empty or unknown) and every stage it builds on or copies from.</summary>
    private static HashSet<int> Used(IReadOnlyList<Stage> stages, List<IEnumerable<int?>> namedStages, string target)
    {
        var start = StageNamed(stages, stages.Count, target, isCopy: true) ?? stages.Count - 1;
        var used = new HashSet<int>();
        var pending = new Stack<int>([start]);
        while (pending.TryPop(out var index))
        {
            if (used.Add(index))
            {
                foreach (var other in namedStages[index].OfType<int>())
                {
                    pending.Push(other);
                }
            }
        }

        return used;
    }

    /// <summary>The platform FROM --platform asks for; null when none is given (or it makes no platform: the planner says so at its line).</summary>
    private static Platform? PlatformOf(string? word) => word is not null && Platform.TryParse(word, out var platform) ? platform : null;

    private static string? TryExpand(ShellLexer lexer, string word, IReadOnlyDictionary<string, string> scope)
    {
        try
        {
            return lexer.ProcessWord(word, scope);
        }
        catch (WordExpansionException)
        {
            // The planner reports the error with its line when it builds this service.
            return null;
        }
    }
}

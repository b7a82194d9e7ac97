using Cybernode.Build.Assembly;
using Cybernode.Dockerfile.Expansion;
using Cybernode.Dockerfile.Instructions;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>The images a Dockerfile needs from outside itself: its FROM and COPY --from images that are not its own stages.</summary>
public static class DockerfileReferences
{
    public static IReadOnlyList<ImageMention> Find(string dockerfilePath, IReadOnlyDictionary<string, string> buildArgs, Platform platform)
    {
        var (model, escapeToken) = DockerfilePlanner.Load(dockerfilePath);
        var lexer = new ShellLexer(escapeToken);
        var scope = new Dictionary<string, string>(DockerfilePlanner.PlatformArgs(platform), StringComparer.Ordinal);
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

        var stageNames = model.Stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var references = model.Stages.Select(s => (Image: s.From.Image, s.From.Node.StartLine))
            .Concat(model.Stages.SelectMany(s => s.Instructions).OfType<CopyInstruction>()
                .Where(c => c.From is not null).Select(c => (Image: c.From!, c.Node.StartLine)));
        var mentions = new List<ImageMention>();
        foreach (var (image, line) in references)
        {
            var expanded = TryExpand(lexer, image, scope);
            if (expanded is not null && expanded != "scratch" && !stageNames.Contains(expanded) && ImageReference.TryParse(expanded, out var reference, out _))
            {
                mentions.Add(new ImageMention(reference, dockerfilePath, line));
            }
        }

        return mentions;
    }

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

using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;
using Cybernode.Dockerfile.Expansion;
using Cybernode.Dockerfile.Instructions;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>Reads which services a service's Dockerfiles start FROM (or COPY --from), by image name.</summary>
public static class DependencyFinder
{
    public static IReadOnlyList<ServiceDependency> Find(Workspace workspace, IReadOnlyDictionary<string, string> buildArgs, Platform platform)
    {
        var byImage = workspace.Services.ToDictionary(s => ImageReference.Parse(s.ImageName).FamiliarName, s => s.Name, StringComparer.Ordinal);
        var dependencies = new List<ServiceDependency>();
        foreach (var service in workspace.Services)
        {
            var (model, escapeToken) = DockerfilePlanner.Load(service.DockerfilePath);
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
            foreach (var (image, line) in references)
            {
                var expanded = TryExpand(lexer, image, scope);
                if (expanded is null || stageNames.Contains(expanded) || !ImageReference.TryParse(expanded, out var reference, out _))
                {
                    continue;
                }

                if (byImage.TryGetValue(reference.FamiliarName, out var other))
                {
                    dependencies.Add(new ServiceDependency(service.Name, other, service.DockerfilePath, line));
                }
            }
        }

        return dependencies;
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

using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>
/// Reads which services a service's Dockerfiles (run and build) start FROM (or COPY --from), by
/// image name, and which it is to be built after (cybernode.yaml's <c>build_after:</c>).
/// </summary>
public static class DependencyFinder
{
    public static IReadOnlyList<ServiceDependency> Find(Workspace workspace, Dockerfiles dockerfiles)
    {
        var byImage = workspace.Services.ToDictionary(s => ImageReference.Parse(s.ImageName).FamiliarName, s => s.Name, StringComparer.Ordinal);
        var dependencies = new List<ServiceDependency>();
        foreach (var service in workspace.Services)
        {
            foreach (var mention in service.DockerfilePaths.SelectMany(dockerfiles.References))
            {
                if (byImage.TryGetValue(mention.Image.FamiliarName, out var other))
                {
                    dependencies.Add(new ServiceDependency(service.Name, other, mention.File, mention.Line) { Kind = mention.IsCopy ? DependencyKind.CopyFrom : DependencyKind.From });
                }
            }

            dependencies.AddRange(BuildAfter(workspace, service));
        }

        return dependencies;
    }

    private static IEnumerable<ServiceDependency> BuildAfter(Workspace workspace, Service service)
    {
        var file = workspace.Settings.File ?? Path.Combine(workspace.Root, WorkspaceSettingsReader.FileName);
        foreach (var (name, line) in workspace.Settings.For(service.Name).BuildAfter)
        {
            var other = workspace.FindService(name)
                ?? throw new UserError($"build_after of {service.Name} names {ReadableText.Quote(name)}, which is not a service of this workspace", file, line,
                    $"services: {string.Join(", ", workspace.Services.Select(s => s.Name))}");
            yield return new ServiceDependency(service.Name, other.Name, file, line) { Kind = DependencyKind.BuildAfter };
        }
    }

    /// <summary>The workspace's own images, by the name a FROM gives them: a build never looks for these in the store or an engine before it makes them.</summary>
    public static HashSet<string> ServiceImages(Workspace workspace) =>
        workspace.Services.Select(s => ImageReference.Parse(s.ImageName).FamiliarName).ToHashSet(StringComparer.Ordinal);
}

using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>Reads which services a service's Dockerfiles (run and build) start FROM (or COPY --from), by image name.</summary>
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
                    dependencies.Add(new ServiceDependency(service.Name, other, mention.File, mention.Line));
                }
            }
        }

        return dependencies;
    }

    /// <summary>The workspace's own images, by the name a FROM gives them: a build never looks for these in the store or an engine before it makes them.</summary>
    public static HashSet<string> ServiceImages(Workspace workspace) =>
        workspace.Services.Select(s => ImageReference.Parse(s.ImageName).FamiliarName).ToHashSet(StringComparer.Ordinal);
}

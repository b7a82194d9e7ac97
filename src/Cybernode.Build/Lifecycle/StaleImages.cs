using Cybernode.Build.Bases;
using Cybernode.Build.Planning;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Lifecycle;

/// <summary>
/// Which images of the store belong to services the workspace no longer has (<c>cybernode prune</c>):
/// built by this workspace (<see cref="ImageOrigin"/>) and named NAMESPACE/SERVICE (or
/// NAMESPACE/build-SERVICE) under its namespace, SERVICE a service name no folder makes any more.
/// Never an image cybernode.lock pins or a Dockerfile of the workspace still names, nor one it did
/// not build: a base pulled or imported under the namespace stays.
/// </summary>
public static class StaleImages
{
    private const string BuildImagePrefix = "build-";

    public static IReadOnlyList<StaleImage> Find(Workspace workspace, IReadOnlyList<TaggedImage> images)
    {
        var services = workspace.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var kept = StillNamed(workspace);
        var prefix = workspace.Settings.Namespace + "/";
        var stale = new List<StaleImage>();
        foreach (var image in images)
        {
            if (!ImageOrigin.IsFrom(image.Manifest, workspace.Root) || !ImageReference.TryParse(image.Name, out var reference, out _) || kept.Contains(reference.FamiliarRepository))
            {
                continue;
            }

            var repository = reference.FamiliarRepository;
            if (!repository.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = repository[prefix.Length..];
            var service = name.StartsWith(BuildImagePrefix, StringComparison.Ordinal) ? name[BuildImagePrefix.Length..] : name;
            if (!services.Contains(name) && !services.Contains(service) && ServiceNames.Check(name, name, name, workspace.Settings.Namespace) is null)
            {
                stale.Add(new StaleImage(image, service));
            }
        }

        return stale;
    }

    /// <summary>The repositories cybernode.lock pins and the workspace's Dockerfiles start FROM or copy from.</summary>
    private static HashSet<string> StillNamed(Workspace workspace)
    {
        var named = BaseLockFile.Read(workspace.Root).Entries.Select(e => ImageReference.Parse(e.Reference).FamiliarRepository).ToHashSet(StringComparer.Ordinal);
        var dockerfiles = new Dockerfiles(new Dictionary<string, string>(StringComparer.Ordinal), Platform.Current);
        foreach (var path in workspace.Services.SelectMany(s => s.DockerfilePaths))
        {
            named.UnionWith(dockerfiles.References(path).Select(m => m.Image.FamiliarRepository));
        }

        return named;
    }
}

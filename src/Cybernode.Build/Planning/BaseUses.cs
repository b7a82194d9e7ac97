using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Planning;

/// <summary>The images from outside the workspace that the picked services' builds start FROM or copy --from, in build order.</summary>
public static class BaseUses
{
    public static IReadOnlyList<BaseUse> Find(Workspace workspace, BuildOptions options, Dockerfiles dockerfiles, IEnumerable<Service> services)
    {
        var serviceImages = DependencyFinder.ServiceImages(workspace);
        var uses = new List<BaseUse>();
        foreach (var service in services)
        {
            if (service.HasBuildDockerfile)
            {
                uses.AddRange(dockerfiles.UsedReferences(service.BuildDockerfilePath, null)
                    .Select(m => new BaseUse(service.Name, m, InEngine: true)));
            }

            uses.AddRange(dockerfiles.UsedReferences(service.DockerfilePath, options.TargetOf(workspace, service))
                .Select(m => new BaseUse(service.Name, m, options.RunImageAssembler == AssemblerKind.Engine)));
        }

        return [.. uses.Where(u => !serviceImages.Contains(u.Mention.Image.FamiliarName))];
    }
}

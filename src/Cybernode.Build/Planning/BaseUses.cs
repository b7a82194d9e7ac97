using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Planning;

/// <summary>The images from outside the workspace that the picked services' builds start FROM or copy --from, in build order.</summary>
public static class BaseUses
{
    public static IReadOnlyList<BaseUse> Find(Workspace workspace, BuildOptions options, IEnumerable<Service> services)
    {
        var serviceImages = DependencyFinder.ServiceImages(workspace);
        var uses = new List<BaseUse>();
        foreach (var service in services)
        {
            if (service.HasBuildDockerfile)
            {
                uses.AddRange(DockerfileReferences.FindUsed(service.BuildDockerfilePath, options.BuildArgs, options.Assembler.Platform, null)
                    .Select(m => new BaseUse(service.Name, m, InEngine: true)));
            }

            uses.AddRange(DockerfileReferences.FindUsed(service.DockerfilePath, options.BuildArgs, options.Assembler.Platform, BuildEngine.TargetOf(workspace, service, options))
                .Select(m => new BaseUse(service.Name, m, options.RunImageAssembler == AssemblerKind.Engine)));
        }

        return [.. uses.Where(u => !serviceImages.Contains(u.Mention.Image.FamiliarName))];
    }
}

using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;
using Cybernode.Oci;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Planning;

/// <summary>
/// The services of a workspace and what orders their builds (FROM, COPY --from, <c>build_after:</c>),
/// the same edges the build follows, with each image's freshness as the in-process assembler
/// decides it (same plan, same cache key); <c>cybernode graph</c> prints it. Writes nothing.
/// </summary>
public sealed record WorkspaceGraph(IReadOnlyList<GraphNode> Services, IReadOnlyList<ServiceDependency> Edges)
{
    public static async Task<WorkspaceGraph> ReadAsync(Workspace workspace, string storePath, AssemblerOptions options, IReadOnlyDictionary<string, string> buildArgs, CancellationToken cancellationToken)
    {
        var edges = DependencyFinder.Find(workspace, new Dockerfiles(buildArgs, options.Platform));
        var order = BuildOrder.Resolve([.. workspace.Services.Select(s => s.Name)], edges, workspace.Services.Select(s => s.Name));
        var store = Path.Exists(storePath) ? OciLayoutStore.OpenExisting(storePath) : null;
        var nodes = new List<GraphNode>();
        foreach (var service in order.Select(name => workspace.FindService(name)!))
        {
            var (freshness, note) = store is null ? (ImageFreshness.NotBuilt, null) : await FreshnessAsync(store, service, options, buildArgs, cancellationToken);
            nodes.Add(new GraphNode(service.Name, service.ImageName, Path.GetRelativePath(workspace.Root, service.Folder), StageOf(service), freshness, note));
        }

        return new WorkspaceGraph(nodes, [.. edges.OrderBy(e => e.Service, StringComparer.Ordinal).ThenBy(e => e.DependsOn, StringComparer.Ordinal).ThenBy(e => e.Kind)]);
    }

    private static string StageOf(Service service) =>
        service.HasBuildDockerfile ? Service.BuildDockerfileName : service.HasBuildScript ? Service.BuildScriptName : "none";

    private static async Task<(ImageFreshness, string?)> FreshnessAsync(
        OciLayoutStore store, Service service, AssemblerOptions options, IReadOnlyDictionary<string, string> buildArgs, CancellationToken cancellationToken)
    {
        if (await ImageReader.FindAsync(store, service.ImageName, cancellationToken) is null)
        {
            return (ImageFreshness.NotBuilt, null);
        }

        var request = new AssemblyRequest(service.DockerfilePath, service.Folder, service.ImageName, buildArgs, VersionLabels.Read(service.OutputFolder));
        try
        {
            return (await new InProcessAssembler(store, options).IsUpToDateAsync(request, cancellationToken) ? ImageFreshness.UpToDate : ImageFreshness.Changed, null);
        }
        catch (Exception e) when (e is UserError or OciFormatException)
        {
            return (ImageFreshness.Unknown, e is UserError user ? user.Describe() : e.Message);
        }
    }
}

using Cybernode.Build.Publishing;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary>A publish as the CLI runs it (publish and build --push): the registry clients of the run and the three phases.</summary>
public static class ClusterPublishing
{
    public static async Task<PublishResult> PublishAsync(
        IImageStore store, PublishSelection selection, RegistryTarget target, WorkspaceSettings settings, CancellationToken cancellationToken)
    {
        using var registries = RegistryTransfers.Open(settings.InsecureRegistries);
        var publisher = new ClusterPublisher(new RegistryCluster(registries, target, store), target);
        return await publisher.PublishAsync(selection.Images, selection.Unbuilt, cancellationToken);
    }
}

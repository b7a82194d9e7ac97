using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Providers.Tests.Support;

/// <summary>A copy of examples/two-phase (or an empty workspace) whose store holds cybernode/busybox-base.</summary>
public sealed class TwoPhaseWorkspace : IDisposable
{
    private readonly TempFolder _folder = new("cybernode-ws-");

    private TwoPhaseWorkspace()
    {
    }

    public string Root => _folder.Path;

    public string Store => _folder.Combine(".cybernode", "store");

    /// <summary>The example's three services.</summary>
    public static async Task<TwoPhaseWorkspace> ExampleAsync(CancellationToken cancellationToken)
    {
        var workspace = await EmptyAsync(cancellationToken);
        foreach (var service in new[] { "hello", "fortune", "counter" })
        {
            Examples.CopyService(service, workspace.Root);
        }

        return workspace;
    }

    public static async Task<TwoPhaseWorkspace> EmptyAsync(CancellationToken cancellationToken)
    {
        var workspace = new TwoPhaseWorkspace();
        await workspace.ImportAsync(BusyboxBase.Name, cancellationToken);
        return workspace;
    }

    /// <summary>Puts the busybox base into the workspace's store under <paramref name="name"/>.</summary>
    public async Task ImportAsync(string name, CancellationToken cancellationToken)
    {
        var base_ = await BusyboxBase.GetAsync();
        var store = await OciLayoutStore.OpenAsync(Store, cancellationToken);
        var archive = new TransportReference(TransportRegistry.DockerArchive, base_.ArchivePath(ArchiveFormat.DockerArchive.TransportName()), null);
        await ImageTransport.ImportAsync(archive, store, name, cancellationToken);
    }

    /// <summary>Writes a file of the workspace, e.g. <c>svc/Dockerfile</c>.</summary>
    public void Write(string relativePath, string text)
    {
        var path = _folder.Combine(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => _folder.Dispose();
}

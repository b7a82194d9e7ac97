using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>A running test registry, a store in a temp folder, and the registry clients of one run.</summary>
public sealed class RegistryScratch : IAsyncDisposable
{
    private RegistryScratch(RegistryServer server, TempFolder folder, OciLayoutStore store, RegistryClientOptions options)
    {
        Server = server;
        Folder = folder;
        Store = store;
        Registries = new Registries(options);
    }

    public RegistryServer Server { get; }

    public TempFolder Folder { get; }

    public OciLayoutStore Store { get; }

    public Registries Registries { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<RegistryScratch> StartAsync(RegistryClientOptions? options = null)
    {
        var server = await RegistryServer.StartAsync(Ct);
        var folder = new TempFolder();
        return new RegistryScratch(server, folder, await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct), options ?? new RegistryClientOptions { RetryDelay = TimeSpan.FromMilliseconds(20) });
    }

    public ImageReference Reference(string repositoryAndTag) => ImageReference.Parse($"{Server.Host}/{repositoryAndTag}");

    /// <summary>Pushes a stored image with all three steps and gives the blob counts.</summary>
    public async Task<BlobCounts> PushAsync(TaggedImage image, string repositoryAndTag, Registries? registries = null)
    {
        var push = await ImagePush.PrepareAsync(registries ?? Registries, new StoreImageSource(Store), image.Manifest, Reference(repositoryAndTag), Ct);
        return await push.PushAsync(Ct);
    }

    /// <summary>The digest skopeo reads for a reference on the test registry.</summary>
    public async Task<string> SkopeoDigestAsync(string repositoryAndTag)
    {
        using var inspect = System.Text.Json.JsonDocument.Parse(await RegistryServer.SkopeoAsync(["inspect", "--tls-verify=false", $"docker://{Server.Host}/{repositoryAndTag}"], Ct));
        return inspect.RootElement.GetProperty("Digest").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Registries.Dispose();
        Store.Dispose();
        Folder.Dispose();
        await Server.DisposeAsync();
    }
}

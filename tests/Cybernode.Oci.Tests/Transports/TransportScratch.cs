using Cybernode.Oci.Graph;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Transports;

/// <summary>
/// A temp folder with an image store in <c>store</c> and the steps transport tests take through one
/// transport, so each test class states only its transport and what its tests do differently.
/// </summary>
public sealed class TransportScratch : IDisposable
{
    public const string Name = "cybernode/random:latest";

    private readonly string transport;

    private TransportScratch(TempFolder folder, OciLayoutStore store, string transport)
    {
        Folder = folder;
        Store = store;
        this.transport = transport;
    }

    public TempFolder Folder { get; }

    public OciLayoutStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TransportScratch> OpenAsync(string transport)
    {
        var folder = new TempFolder();
        try
        {
            return new TransportScratch(folder, await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct), transport);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public string Combine(params string[] parts) => Folder.Combine(parts);

    /// <summary>Writes <see cref="Name"/> into the store as a random image from <paramref name="seed"/>.</summary>
    public Task<TaggedImage> WriteImageAsync(int seed, int layers = 3, LayerCompression compression = LayerCompression.Gzip) =>
        RandomImage.WriteAsync(Store, Name, seed, Ct, layers: layers, compression: compression);

    /// <summary>A reference through this scratch's transport; <paramref name="location"/> may carry a <c>:name</c>.</summary>
    public TransportReference Reference(string location) => TransportReference.Parse($"{transport}:{location}");

    public Task<TransferredImage> ExportAsync(TaggedImage image, string location) =>
        ImageTransport.ExportAsync(Store, image, Reference(location), Ct);

    /// <summary>Exports <paramref name="image"/> to <paramref name="name"/> in the folder and gives that path.</summary>
    public async Task<string> ExportToAsync(TaggedImage image, string name)
    {
        var location = Combine(name);
        await ExportAsync(image, location);
        return location;
    }

    public Task<TransferredImage> ImportAsync(string location, IImageStore target, string? name = null) =>
        ImageTransport.ImportAsync(Reference(location), target, name, Ct);

    /// <summary>The store imports go to when the test compares them with the original store.</summary>
    public Task<OciLayoutStore> OpenOtherStoreAsync() => OciLayoutStore.OpenAsync(Combine("other"), Ct);

    /// <summary>
    /// Has skopeo write <paramref name="image"/> to <paramref name="target"/> (any skopeo reference), from an
    /// OCI layout in <c>a</c>, so imports are tested against what another tool wrote.
    /// </summary>
    public async Task SkopeoCopyAsync(TaggedImage image, string target)
    {
        await ImageTransport.ExportAsync(Store, image, TransportReference.Parse($"oci:{Combine("a")}"), Ct);
        await ExternalTool.RunAsync("skopeo", ["copy", $"oci:{Combine("a")}:{image.Name}", target], Ct);
    }

    public static Task<PlatformImage> ReadAmd64Async(IImageStore store, Descriptor manifest) =>
        ImageReader.ReadAsync(store, manifest, Platform.LinuxAmd64, Ct);

    /// <summary>The store's index.json as it is on disk, to prove a refused import left it alone.</summary>
    public static Task<byte[]> ReadIndexAsync(OciLayoutStore store) => File.ReadAllBytesAsync(Path.Combine(store.Location, "index.json"), Ct);

    public void Dispose() => Folder.Dispose();
}

using System.Collections.Concurrent;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Build.Publishing;

/// <summary>
/// The three publishing steps on a real registry, through the registry client's <see cref="ImagePush"/>
/// of each image (all sharing one client, so one blob ledger: each blob goes up once and is mounted
/// into the other repositories). An <see cref="ImagePush"/> moves one tag, so each further tag of an
/// image gets its own, prepared from the same manifest.
/// </summary>
public sealed class RegistryCluster(Registries registries, RegistryTarget target, IImageStore store) : IClusterRegistry
{
    private readonly StoreImageSource _source = new(store);
    private readonly ConcurrentDictionary<(string Service, string Tag), Task<ImagePush>> _pushes = new();

    public async Task<BlobCounts> PushBlobsAsync(PublishImage image, CancellationToken cancellationToken) =>
        await (await PushOfAsync(image, FirstTag(image), cancellationToken)).PushBlobsAsync(cancellationToken);

    public async Task PutManifestAsync(PublishImage image, CancellationToken cancellationToken) =>
        await (await PushOfAsync(image, FirstTag(image), cancellationToken)).PutManifestsAsync(cancellationToken);

    public async Task PutTagAsync(PublishImage image, string tag, CancellationToken cancellationToken) =>
        await (await PushOfAsync(image, tag, cancellationToken)).PutTagAsync(cancellationToken);

    private static string FirstTag(PublishImage image) => image.Tags.Count > 0 ? image.Tags[0] : ImageReference.DefaultTag;

    private Task<ImagePush> PushOfAsync(PublishImage image, string tag, CancellationToken cancellationToken) =>
        _pushes.GetOrAdd((image.Service, tag), _ => ImagePush.PrepareAsync(
            registries, _source, image.Manifest, new ImageReference(target.Host, image.Repository, tag, null), cancellationToken));
}

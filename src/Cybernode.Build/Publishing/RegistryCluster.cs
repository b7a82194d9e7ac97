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

    /// <summary>A manifest the registry has by digest is not put again: a HEAD costs the registry far less than a PUT it must check.</summary>
    public async Task PutManifestAsync(PublishImage image, CancellationToken cancellationToken)
    {
        if (await Client.HeadManifestAsync(image.Repository, image.Manifest.Digest.ToString(), cancellationToken) is null)
        {
            await (await PushOfAsync(image, FirstTag(image), cancellationToken)).PutManifestsAsync(cancellationToken);
        }
    }

    /// <summary>A tag that already points at the manifest is left as it is (an unchanged cluster's re-publish writes nothing).</summary>
    public async Task<bool> PutTagAsync(PublishImage image, string tag, CancellationToken cancellationToken)
    {
        if ((await Client.HeadManifestAsync(image.Repository, tag, cancellationToken))?.Digest == image.Manifest.Digest)
        {
            return false;
        }

        await (await PushOfAsync(image, tag, cancellationToken)).PutTagAsync(cancellationToken);
        return true;
    }

    private RegistryClient Client => registries.For(target.Host);

    private static string FirstTag(PublishImage image) => image.Tags.Count > 0 ? image.Tags[0] : ImageReference.DefaultTag;

    private Task<ImagePush> PushOfAsync(PublishImage image, string tag, CancellationToken cancellationToken) =>
        _pushes.GetOrAdd((image.Service, tag), _ => ImagePush.PrepareAsync(
            registries, _source, image.Manifest, new ImageReference(target.Host, image.Repository, tag, null), cancellationToken));
}

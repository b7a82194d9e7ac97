using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>The images named in a store, read with every blob verified on the way out.</summary>
public sealed class StoreImageSource(IImageStore store) : IImageSource
{
    public string Location => store.Location;

    public async Task<IReadOnlyList<SourceImage>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(image => new SourceImage(image.Manifest, [image.Name])).ToList();

    public async Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
        new VerifiedBlobStream(await store.OpenReadAsync(descriptor.Digest, cancellationToken), descriptor, store.Location);
}

using Cybernode.Oci.Graph;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Copies into an image store (the local store, or any OCI layout folder opened as one). Blobs go
/// in first, each verified as it streams; the name is written last, so a bad source leaves the
/// store's index as it was.
/// </summary>
public sealed class StoreImageSink(IImageStore store) : IImageSink
{
    public string Location => store.Location;

    public async Task<Descriptor> WriteAsync(IImageSource source, Descriptor root, string name, CancellationToken cancellationToken)
    {
        foreach (var blob in await ImageGraph.CollectAsync(source, root, cancellationToken))
        {
            if (await store.ContainsAsync(blob.Descriptor.Digest, cancellationToken))
            {
                continue;
            }

            await using var content = blob.Document is null
                ? await source.OpenBlobAsync(blob.Descriptor, cancellationToken)
                : new MemoryStream(blob.Document, writable: false);
            await store.PutAsync(content, blob.Descriptor.Digest, cancellationToken);
        }

        var named = root with { Annotations = WithoutName(root.Annotations) };
        await store.TagAsync(name, named, cancellationToken);
        return named;
    }

    private static SortedDictionary<string, string>? WithoutName(SortedDictionary<string, string>? annotations)
    {
        if (annotations is null || !annotations.ContainsKey(OciLayoutStore.RefNameAnnotation))
        {
            return annotations;
        }

        var rest = new SortedDictionary<string, string>(annotations, StringComparer.Ordinal);
        rest.Remove(OciLayoutStore.RefNameAnnotation);
        return rest.Count > 0 ? rest : null;
    }
}

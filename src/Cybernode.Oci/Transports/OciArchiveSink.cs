using Cybernode.Oci.Graph;
using System.Text;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Writes a tar of an OCI image layout holding one image, its ref.name the full image name (so
/// <c>podman load</c> names it right). Entries come in a fixed order with fixed times and owners.
/// </summary>
public sealed class OciArchiveSink(ArchiveOutput output) : IImageSink
{
    public string Location => output.Location;

    public async Task<Descriptor> WriteAsync(IImageSource source, Descriptor root, string name, CancellationToken cancellationToken)
    {
        var blobs = await ImageGraph.CollectAsync(source, root, cancellationToken);
        var annotations = new SortedDictionary<string, string>(root.Annotations ?? new(), StringComparer.Ordinal)
        {
            [OciLayoutStore.RefNameAnnotation] = name,
        };
        var index = new ImageIndex([root with { Annotations = annotations }]);
        await output.WriteAsync(async stream =>
        {
            var tar = new ReproducibleTarWriter(stream);
            // The small files go first so a reader streaming the archive knows the image before its layers.
            await ArchiveEntries.WriteFileAsync(tar, "oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), cancellationToken);
            await ArchiveEntries.WriteFileAsync(tar, "index.json", OciJson.Serialize(index), cancellationToken);
            await tar.WriteEntryAsync(ArchiveEntries.Folder("blobs"), null, cancellationToken);
            await tar.WriteEntryAsync(ArchiveEntries.Folder("blobs/" + Digest.Sha256Algorithm), null, cancellationToken);
            foreach (var blob in blobs.OrderBy(b => b.Descriptor.Digest.ToString(), StringComparer.Ordinal))
            {
                var entry = ArchiveEntries.File($"blobs/{blob.Descriptor.Digest.Algorithm}/{blob.Descriptor.Digest.Hex}", blob.Descriptor.Size);
                await using var content = blob.Document is null
                    ? await source.OpenBlobAsync(blob.Descriptor, cancellationToken)
                    : new MemoryStream(blob.Document, writable: false);
                await tar.WriteEntryAsync(entry, content, cancellationToken);
                await ImageGraph.DrainAsync(content, cancellationToken);
            }

            await tar.FinishAsync(cancellationToken);
        }, cancellationToken);
        return root;
    }
}

using Cybernode.Oci.Graph;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Writes what <c>docker load</c> (20.10 and later) and <c>podman load</c> read: manifest.json,
/// repositories, the config as <c>HEX.json</c> and each layer as a file named by its diff_id. Both
/// read gzip layer files, so a gzip layer is copied as it is stored (<c>DIFFID.tar.gz</c>), never
/// recompressed; docker 20.10 cannot read zstd, so a zstd layer is decompressed into a temporary
/// file to learn its size, then copied (<c>DIFFID.tar</c>), so memory stays constant. A
/// multi-platform image gives the image for this machine's platform.
/// </summary>
public sealed class DockerArchiveSink(ArchiveOutput output) : IImageSink
{
    public string Location => output.Location;

    public async Task<Descriptor> WriteAsync(IImageSource source, Descriptor root, string name, CancellationToken cancellationToken)
    {
        var repoTag = RepoTag(name);
        var image = await ImageGraph.SelectPlatformAsync(source, root, Platform.Current, cancellationToken);
        var configName = $"{image.Manifest.Config.Digest.Hex}.json";
        var layerNames = image.Config.RootFs.DiffIds.Select((diffId, i) => LayerFileName(diffId, image.Manifest.Layers[i])).ToList();
        var manifest = new[] { new DockerArchiveManifestEntry(configName, repoTag is null ? null : [repoTag.FamiliarName], layerNames) };

        await output.WriteAsync(async stream =>
        {
            var tar = new ReproducibleTarWriter(stream);
            await ArchiveEntries.WriteFileAsync(tar, DockerArchiveSource.ManifestFile, OciJson.Serialize(manifest), cancellationToken);
            if (layerNames.Count > 0 && repoTag is not null)
            {
                // Legacy readers look up the top layer by repository and tag.
                var repositories = new Dictionary<string, Dictionary<string, string>>
                {
                    [repoTag.FamiliarRepository] = new() { [repoTag.Tag!] = image.Config.RootFs.DiffIds[^1].Hex },
                };
                await ArchiveEntries.WriteFileAsync(tar, "repositories", OciJson.Serialize(repositories), cancellationToken);
            }

            await ArchiveEntries.WriteFileAsync(tar, configName, image.ConfigDocument, cancellationToken);
            var written = new HashSet<Digest>();
            for (var i = 0; i < image.Manifest.Layers.Count; i++)
            {
                var diffId = image.Config.RootFs.DiffIds[i];
                if (written.Add(diffId))
                {
                    await WriteLayerAsync(tar, source, image.Manifest.Layers[i], diffId, layerNames[i], cancellationToken);
                }
            }

            await tar.FinishAsync(cancellationToken);
        }, cancellationToken);
        return image.ManifestDescriptor;
    }

    /// <summary>
    /// The name docker load gives the image. An image known by digest only has none: its RepoTags
    /// stay null, as <c>docker save IMAGE-ID</c> writes them, and it loads untagged.
    /// </summary>
    private static ImageReference? RepoTag(string name)
    {
        var reference = ImageReference.Parse(name);
        return reference.Tag is null && reference.Digest is not null
            ? null
            : reference with { Digest = null, Tag = reference.Tag ?? ImageReference.DefaultTag };
    }

    private static string LayerFileName(Digest diffId, Descriptor layer) =>
        Compression.FromMediaType(layer.MediaType) == LayerCompression.Gzip ? $"{diffId.Hex}.tar.gz" : $"{diffId.Hex}.tar";

    private async Task WriteLayerAsync(ReproducibleTarWriter tar, IImageSource source, Descriptor layer, Digest diffId, string entryName, CancellationToken cancellationToken)
    {
        var compression = Compression.FromMediaType(layer.MediaType);
        if (compression == LayerCompression.Gzip)
        {
            // The source checks the blob against its digest as it passes; a mismatch fails the whole archive, which is then never made.
            await using var blob = await source.OpenBlobAsync(layer, cancellationToken);
            await tar.WriteEntryAsync(ArchiveEntries.File(entryName, layer.Size), blob, cancellationToken);
            await ImageGraph.DrainAsync(blob, cancellationToken);
            return;
        }

        var temp = TempFiles.NewPath(output.ScratchFolder);
        try
        {
            // One handle for writing and reading back: the temp file stays locked until it is deleted.
            await using var file = AtomicFile.CreateTemp(temp, Location);
            await using (var blob = await source.OpenBlobAsync(layer, cancellationToken))
            await using (var uncompressed = new DigestingWriteStream(new DiskFullStream(file, Location)))
            {
                await using (var decompressed = compression.Decompress(blob))
                {
                    await decompressed.CopyToAsync(uncompressed, 1 << 20, cancellationToken);
                    await ImageGraph.DrainAsync(blob, cancellationToken);
                }

                if (uncompressed.Digest != diffId)
                {
                    throw new OciFormatException($"layer {layer.Digest} in {source.Location} is corrupt: it decompresses to {uncompressed.Digest}, the config's diff_id is {diffId}");
                }
            }

            file.Position = 0;
            await tar.WriteEntryAsync(ArchiveEntries.File(entryName, file.Length), file, cancellationToken);
        }
        finally
        {
            TempFiles.Discard(temp);
        }
    }
}

using System.Formats.Tar;
using System.Text.Json;
using Cybernode.Oci;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using TarEntryType = System.Formats.Tar.TarEntryType;

namespace Cybernode.Providers.Archives;

/// <summary>
/// Reads an archive an engine saved (docker-archive or oci-archive, told apart by their entries)
/// into the store in one pass: large entries stream straight into blobs, small ones (the JSON
/// documents) are held until the archive's table of contents has been read.
/// </summary>
public static class ImageArchiveReader
{
    private const long SmallEntry = 1 << 20;
    private const string BlobPrefix = "blobs/sha256/";

    /// <summary>Imports the archive's image and names it <paramref name="name"/>, or the archive's own name when that is null.</summary>
    public static async Task<TaggedImage> ImportAsync(string archivePath, IImageStore store, string? name, CancellationToken cancellationToken)
    {
        var small = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var stored = new Dictionary<string, BlobInfo>(StringComparer.Ordinal);
        await using (var file = File.OpenRead(archivePath))
        await using (var reader = new TarReader(file))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                var path = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (path.StartsWith(BlobPrefix, StringComparison.Ordinal) && Digest.TryParse("sha256:" + path[BlobPrefix.Length..], out var digest))
                {
                    stored[path] = await store.PutAsync(entry.DataStream, digest, cancellationToken);
                }
                else if (entry.Length <= SmallEntry)
                {
                    using var buffer = new MemoryStream();
                    await entry.DataStream.CopyToAsync(buffer, cancellationToken);
                    small[path] = buffer.ToArray();
                }
                else
                {
                    stored[path] = await store.PutAsync(entry.DataStream, null, cancellationToken);
                }
            }
        }

        var (manifest, archiveName) = small.ContainsKey("index.json")
            ? await FromOciLayoutAsync(store, small, name, archivePath, cancellationToken)
            : await FromDockerArchiveAsync(store, small, stored, name, archivePath, cancellationToken);
        var imageName = name ?? archiveName ?? throw new OciFormatException($"{archivePath} does not name its image: give a name to import it under");
        await store.TagAsync(imageName, manifest, cancellationToken);
        return new TaggedImage(imageName, manifest);
    }

    private static async Task<(Descriptor Manifest, string? Name)> FromOciLayoutAsync(
        IImageStore store, Dictionary<string, byte[]> small, string? name, string archivePath, CancellationToken cancellationToken)
    {
        var index = OciJson.Deserialize<ImageIndex>(small["index.json"], $"{archivePath}: index.json");
        var manifest = (index.Manifests.Count == 1 ? index.Manifests[0] : null)
            ?? index.Manifests.FirstOrDefault(m => name is not null && m.Annotation(OciLayoutStore.RefNameAnnotation) == name)
            ?? throw new OciFormatException($"{archivePath} holds {index.Manifests.Count} images: name the one to import");
        var image = await ImageReader.ReadAsync(store, manifest, Platform.LinuxAmd64, cancellationToken);
        foreach (var layer in image.Manifest.Layers)
        {
            if (!await store.ContainsAsync(layer.Digest, cancellationToken))
            {
                throw new OciFormatException($"{archivePath} lacks layer {layer.Digest}");
            }
        }

        var bare = new Descriptor(image.ManifestDescriptor.MediaType, image.ManifestDescriptor.Digest, image.ManifestDescriptor.Size);
        return (bare, manifest.Annotation(OciLayoutStore.RefNameAnnotation));
    }

    private static async Task<(Descriptor Manifest, string? Name)> FromDockerArchiveAsync(
        IImageStore store, Dictionary<string, byte[]> small, Dictionary<string, BlobInfo> stored, string? name, string archivePath, CancellationToken cancellationToken)
    {
        if (!small.TryGetValue("manifest.json", out var table))
        {
            throw new OciFormatException($"{archivePath} is neither an oci-archive (no index.json) nor a docker-archive (no manifest.json)");
        }

        var entries = JsonSerializer.Deserialize<List<DockerArchiveEntry>>(table)
            ?? throw new OciFormatException($"{archivePath}: manifest.json is empty");
        var entry = (entries.Count == 1 ? entries[0] : null)
            ?? entries.FirstOrDefault(e => name is not null && e.RepoTags?.Contains(name) == true)
            ?? throw new OciFormatException($"{archivePath} holds {entries.Count} images: name the one to import");

        var configBlob = await BlobAsync(store, small, stored, entry.Config, archivePath, cancellationToken);
        var config = await store.ReadJsonAsync<ImageConfiguration>(configBlob.Describe(MediaTypes.ImageConfig), cancellationToken);
        if (config.RootFs.DiffIds.Count != entry.Layers.Count)
        {
            throw new OciFormatException($"{archivePath}: {entry.Layers.Count} layers but the config lists {config.RootFs.DiffIds.Count} diff_ids");
        }

        var layers = new List<Descriptor>();
        for (var i = 0; i < entry.Layers.Count; i++)
        {
            var blob = await BlobAsync(store, small, stored, entry.Layers[i], archivePath, cancellationToken);
            var compression = await DetectAsync(store, blob.Digest, cancellationToken);
            if (compression == LayerCompression.None && blob.Digest != config.RootFs.DiffIds[i])
            {
                throw new OciFormatException($"{archivePath}: layer {entry.Layers[i]} is {blob.Digest} but the config expects {config.RootFs.DiffIds[i]}");
            }

            layers.Add(blob.Describe(compression.MediaType()));
        }

        var manifest = await store.PutJsonAsync(new ImageManifest(configBlob.Describe(MediaTypes.ImageConfig), layers), MediaTypes.ImageManifest, cancellationToken);
        var tag = entry.RepoTags is [var first, ..] && ImageReference.TryParse(first, out var reference, out _) ? reference.FamiliarName : null;
        return (manifest, tag);
    }

    private static async Task<BlobInfo> BlobAsync(
        IBlobStore store, Dictionary<string, byte[]> small, Dictionary<string, BlobInfo> stored, string path, string archivePath, CancellationToken cancellationToken)
    {
        if (stored.TryGetValue(path, out var blob))
        {
            return blob;
        }

        return small.TryGetValue(path, out var content)
            ? await store.PutAsync(new MemoryStream(content), null, cancellationToken)
            : throw new OciFormatException($"{archivePath} lacks {path}, which its manifest.json names");
    }

    private static async Task<LayerCompression> DetectAsync(IBlobStore store, Digest digest, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(digest, cancellationToken);
        var head = new byte[4];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return Compression.Detect(head.AsSpan(0, read));
    }
}

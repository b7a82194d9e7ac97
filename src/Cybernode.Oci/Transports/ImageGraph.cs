using Cybernode.Oci.Model;

namespace Cybernode.Oci.Transports;

/// <summary>Walks what an image root reaches, reading only its JSON documents into memory.</summary>
internal static class ImageGraph
{
    public static async Task<byte[]> ReadDocumentAsync(IImageSource source, Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size > OciLimits.MaxDocumentSize)
        {
            throw new OciFormatException($"{descriptor.MediaType} {descriptor.Digest} in {source.Location} is {descriptor.Size} bytes: too large for a JSON document");
        }

        await using var stream = await source.OpenBlobAsync(descriptor, cancellationToken);
        using var buffer = new MemoryStream((int)descriptor.Size);
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>
    /// Every blob the root reaches, once each, children before the documents that point to them,
    /// so a sink that writes in this order never holds a manifest whose blobs are missing.
    /// </summary>
    public static async Task<IReadOnlyList<GraphBlob>> CollectAsync(IImageSource source, Descriptor root, CancellationToken cancellationToken)
    {
        var blobs = new List<GraphBlob>();
        var seen = new HashSet<Digest>();
        await VisitAsync(source, root, blobs, seen, cancellationToken);
        return blobs;
    }

    /// <summary>Follows an index down to the image for <paramref name="platform"/> (or its only image).</summary>
    public static async Task<PlatformImage> SelectPlatformAsync(IImageSource source, Descriptor root, Platform platform, CancellationToken cancellationToken)
    {
        var descriptor = root;
        while (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = OciJson.Deserialize<ImageIndex>(await ReadDocumentAsync(source, descriptor, cancellationToken), $"index {descriptor.Digest}");
            descriptor = index.ManifestFor(platform)
                ?? throw new OciFormatException($"index {descriptor.Digest} in {source.Location} has no image for {platform}");
        }

        RequireManifest(source, descriptor);
        var manifest = OciJson.Deserialize<ImageManifest>(await ReadDocumentAsync(source, descriptor, cancellationToken), $"manifest {descriptor.Digest}");
        var configDocument = await ReadDocumentAsync(source, manifest.Config, cancellationToken);
        var config = OciJson.Deserialize<ImageConfiguration>(configDocument, $"config {manifest.Config.Digest}");
        if (config.RootFs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new OciFormatException($"image {descriptor.Digest} in {source.Location} has {manifest.Layers.Count} layers but its config lists {config.RootFs.DiffIds.Count} diff_ids");
        }

        return new PlatformImage(descriptor, manifest, configDocument, config);
    }

    /// <summary>Reads a blob stream to its end, which makes a verifying stream prove nothing follows the declared size.</summary>
    public static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    private static async Task VisitAsync(IImageSource source, Descriptor descriptor, List<GraphBlob> blobs, HashSet<Digest> seen, CancellationToken cancellationToken)
    {
        if (!seen.Add(descriptor.Digest))
        {
            return;
        }

        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var document = await ReadDocumentAsync(source, descriptor, cancellationToken);
            var index = OciJson.Deserialize<ImageIndex>(document, $"index {descriptor.Digest}");
            foreach (var child in index.Manifests)
            {
                await VisitAsync(source, child, blobs, seen, cancellationToken);
            }

            blobs.Add(new GraphBlob(descriptor, document));
            return;
        }

        RequireManifest(source, descriptor);
        var manifestDocument = await ReadDocumentAsync(source, descriptor, cancellationToken);
        var manifest = OciJson.Deserialize<ImageManifest>(manifestDocument, $"manifest {descriptor.Digest}");
        if (seen.Add(manifest.Config.Digest))
        {
            blobs.Add(new GraphBlob(manifest.Config, await ReadDocumentAsync(source, manifest.Config, cancellationToken)));
        }

        foreach (var layer in manifest.Layers.Where(layer => seen.Add(layer.Digest)))
        {
            blobs.Add(new GraphBlob(layer, null));
        }

        blobs.Add(new GraphBlob(descriptor, manifestDocument));
    }

    private static void RequireManifest(IImageSource source, Descriptor descriptor)
    {
        if (!MediaTypes.IsManifest(descriptor.MediaType))
        {
            throw new OciFormatException($"{descriptor.Digest} in {source.Location} is a '{descriptor.MediaType}', not an image manifest or index");
        }
    }

    /// <summary>A blob to copy; JSON documents come with their (already verified) bytes, layers without.</summary>
    internal sealed record GraphBlob(Descriptor Descriptor, byte[]? Document);

    internal sealed record PlatformImage(Descriptor ManifestDescriptor, ImageManifest Manifest, byte[] ConfigDocument, ImageConfiguration Config);
}

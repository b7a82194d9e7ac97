using System.Runtime.CompilerServices;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Graph;

/// <summary>
/// The one reader of image graphs (index -> manifests -> config and layers), whatever holds them.
/// Documents are read into memory only up to <see cref="OciLimits.MaxDocumentSize"/> and only once
/// verified; layers are named, never read. Copies, the store, the validator and store verification
/// all walk images through here.
/// </summary>
public static class ImageGraph
{
    private static readonly HashSet<string> ImageConfigMediaTypes = [MediaTypes.ImageConfig, MediaTypes.DockerConfig];

    /// <summary>
    /// Every blob the root reaches that is not in <paramref name="seen"/> yet, once each, children
    /// before the documents that point to them, so a sink that writes in this order never holds a
    /// manifest whose blobs are missing. A blob that cannot be read comes as a node with a
    /// <see cref="GraphNode.Problem"/>, and the walk goes on with the rest.
    /// </summary>
    public static async IAsyncEnumerable<GraphNode> WalkAsync(IBlobSource source, Descriptor root, ISet<Digest> seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!seen.Add(root.Digest))
        {
            yield break;
        }

        if (MediaTypes.IsIndex(root.MediaType))
        {
            var (document, index, problem) = await TryReadAsync<ImageIndex>(source, root, "index", cancellationToken);
            foreach (var child in index?.Manifests ?? [])
            {
                await foreach (var node in WalkAsync(source, child, seen, cancellationToken))
                {
                    yield return node;
                }
            }

            yield return new GraphNode(root, GraphNodeKind.Index, document, 0, null, problem);
        }
        else if (MediaTypes.IsManifest(root.MediaType))
        {
            await foreach (var node in WalkManifestAsync(source, root, seen, cancellationToken))
            {
                yield return node;
            }
        }
        else
        {
            yield return new GraphNode(root, GraphNodeKind.Unknown, null, 0, null, NotAnImage(source, root));
        }
    }

    /// <summary>What <see cref="WalkAsync"/> gives for one root, refusing the image at its first problem.</summary>
    public static async Task<IReadOnlyList<GraphNode>> CollectAsync(IBlobSource source, Descriptor root, CancellationToken cancellationToken)
    {
        var nodes = new List<GraphNode>();
        await foreach (var node in WalkAsync(source, root, new HashSet<Digest>(), cancellationToken))
        {
            nodes.Add(node.Problem is null ? node : throw new OciFormatException(node.Problem));
        }

        return nodes;
    }

    /// <summary>Follows an index down to the image for <paramref name="platform"/> (or its only image).</summary>
    public static async Task<PlatformImage> SelectPlatformAsync(IBlobSource source, Descriptor root, Platform platform, CancellationToken cancellationToken)
    {
        var descriptor = root;
        while (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = OciJson.Deserialize<ImageIndex>(await ReadDocumentAsync(source, descriptor, cancellationToken), $"index {descriptor.Digest}");
            descriptor = index.ManifestFor(platform)
                ?? throw new OciFormatException($"index {descriptor.Digest} in {source.Location} has no image for {platform}; it has {index.DescribePlatforms()}");
        }

        if (!MediaTypes.IsManifest(descriptor.MediaType))
        {
            throw new OciFormatException(NotAnImage(source, descriptor));
        }

        var manifest = OciJson.Deserialize<ImageManifest>(await ReadDocumentAsync(source, descriptor, cancellationToken), $"manifest {descriptor.Digest}");
        var configDocument = await ReadDocumentAsync(source, manifest.Config, cancellationToken);
        var config = OciJson.Deserialize<ImageConfiguration>(configDocument, $"config {manifest.Config.Digest}");
        return config.RootFs.DiffIds.Count == manifest.Layers.Count
            ? new PlatformImage(descriptor, manifest, configDocument, config)
            : throw new OciFormatException(LayerCountProblem(source, descriptor, manifest, config));
    }

    /// <summary>
    /// Reads a JSON document whole, verified against its descriptor. One byte past the declared
    /// size is asked for and refused, so a layer-sized blob under a document's digest never ends
    /// up in memory.
    /// </summary>
    public static async Task<byte[]> ReadDocumentAsync(IBlobSource source, Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size > OciLimits.MaxDocumentSize || descriptor.Size < 0)
        {
            throw new OciFormatException($"{descriptor.MediaType} {descriptor.Digest} in {source.Location} is {descriptor.Size} bytes: too large for a JSON document (at most {OciLimits.MaxDocumentSize})");
        }

        await using var stream = await source.OpenBlobAsync(descriptor, cancellationToken);
        var buffer = new byte[descriptor.Size + 1];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return length == descriptor.Size
            ? buffer[..length]
            : throw new OciFormatException($"blob {descriptor.Digest} in {source.Location} is {(length > descriptor.Size ? "longer" : "shorter")} than the {descriptor.Size} bytes its descriptor gives");
    }

    /// <summary>Reads a blob stream to its end, which makes a verifying stream prove nothing follows the declared size.</summary>
    public static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    private static async IAsyncEnumerable<GraphNode> WalkManifestAsync(IBlobSource source, Descriptor descriptor, ISet<Digest> seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (document, manifest, problem) = await TryReadAsync<ImageManifest>(source, descriptor, "manifest", cancellationToken);
        if (manifest is null)
        {
            yield return new GraphNode(descriptor, GraphNodeKind.Manifest, document, 0, null, problem);
            yield break;
        }

        // Only an image's config is parsed: an artifact (a signature, an attestation) has a config
        // of its own kind, copied as a blob like its layers.
        var configRead = await TryReadAsync<ImageConfiguration>(source, manifest.Config, ImageConfigMediaTypes.Contains(manifest.Config.MediaType) ? "config" : null, cancellationToken);
        if (seen.Add(manifest.Config.Digest))
        {
            yield return new GraphNode(manifest.Config, GraphNodeKind.Config, configRead.Document, 0, null, configRead.Problem);
        }

        var diffIds = configRead.Parsed?.RootFs.DiffIds;
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            if (seen.Add(layer.Digest))
            {
                yield return new GraphNode(layer, GraphNodeKind.Layer, null, i, diffIds is not null && i < diffIds.Count ? diffIds[i] : null, null);
            }
        }

        var countProblem = diffIds is not null && diffIds.Count != manifest.Layers.Count
            ? LayerCountProblem(source, descriptor, manifest, configRead.Parsed!)
            : null;
        yield return new GraphNode(descriptor, GraphNodeKind.Manifest, document, 0, null, countProblem);
    }

    /// <param name="kind">What the document is, for messages; null to keep its bytes unparsed.</param>
    private static async Task<(byte[]? Document, T? Parsed, string? Problem)> TryReadAsync<T>(IBlobSource source, Descriptor descriptor, string? kind, CancellationToken cancellationToken)
        where T : class
    {
        byte[] document;
        try
        {
            document = await ReadDocumentAsync(source, descriptor, cancellationToken);
        }
        catch (OciFormatException e)
        {
            return (null, null, e.Message);
        }

        if (kind is null)
        {
            return (document, null, null);
        }

        try
        {
            return (document, OciJson.Deserialize<T>(document, $"{kind} {descriptor.Digest} in {source.Location}"), null);
        }
        catch (OciFormatException e)
        {
            return (document, null, e.Message);
        }
    }

    private static string NotAnImage(IBlobSource source, Descriptor descriptor) =>
        $"{descriptor.Digest} in {source.Location} is a '{descriptor.MediaType}', not an image manifest or index";

    private static string LayerCountProblem(IBlobSource source, Descriptor descriptor, ImageManifest manifest, ImageConfiguration config) =>
        $"image {descriptor.Digest} in {source.Location} has {manifest.Layers.Count} layers but its config lists {config.RootFs.DiffIds.Count} diff_ids";
}

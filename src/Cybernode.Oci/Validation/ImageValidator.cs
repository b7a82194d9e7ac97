using System.Formats.Tar;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Validation;

/// <summary>
/// Checks that an image in a blob store is self-consistent, whatever wrote it: every blob present,
/// every digest and size recomputed, every diffID recomputed by decompressing its layer, each layer
/// a readable tar, media types known, and the config's diff_ids matching the manifest's layers.
/// Each layer is read once, as a stream.
/// </summary>
public static class ImageValidator
{
    private static readonly HashSet<string> ConfigMediaTypes = [MediaTypes.ImageConfig, MediaTypes.DockerConfig];

    /// <summary>Returns the problems found, one sentence each; an empty list means the image is valid.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(IImageStore store, Descriptor root, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        await foreach (var node in ImageGraph.WalkAsync(new StoreImageSource(store), root, new HashSet<Digest>(), cancellationToken))
        {
            if (node.Problem is not null)
            {
                problems.Add(node.Problem);
            }
            else if (node.Kind == GraphNodeKind.Config && !ConfigMediaTypes.Contains(node.Descriptor.MediaType))
            {
                problems.Add($"config {node.Descriptor.Digest} has unknown media type '{node.Descriptor.MediaType}'");
            }
            else if (node.Kind == GraphNodeKind.Layer)
            {
                await CheckLayerAsync(store, node.Descriptor, node.Position, node.DiffId, problems, cancellationToken);
            }
        }

        return problems;
    }

    private static async Task CheckLayerAsync(IBlobStore store, Descriptor layer, int position, Digest? expectedDiffId, List<string> problems, CancellationToken cancellationToken)
    {
        var what = $"layer {position} ({layer.Digest})";
        LayerCompression compression;
        try
        {
            compression = Compression.FromMediaType(layer.MediaType);
        }
        catch (OciFormatException)
        {
            problems.Add($"{what} has unknown media type '{layer.MediaType}'");
            return;
        }

        if (!await store.ContainsAsync(layer.Digest, cancellationToken))
        {
            problems.Add($"{what} is missing");
            return;
        }

        // One pass: blob -> digest -> decompress -> diffID -> tar reader.
        await using var blob = new DigestingReadStream(await store.OpenReadAsync(layer.Digest, cancellationToken));
        await using var tar = new DigestingReadStream(compression.Decompress(blob), leaveInnerOpen: compression == LayerCompression.None);
        try
        {
            await using var reader = new TarReader(tar, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is not null)
            {
            }
        }
        catch (Exception e) when (IsBadData(e))
        {
            problems.Add($"{what} is not a readable {compression} tar: {e.Message}");
        }

        var diffId = await DrainAsync(tar, what, problems, cancellationToken);
        await blob.ReadToEndAsync(cancellationToken);
        if (blob.BytesRead != layer.Size)
        {
            problems.Add($"{what} is {blob.BytesRead} bytes but its descriptor says {layer.Size}");
        }

        if (blob.Digest != layer.Digest)
        {
            problems.Add($"{what} is corrupt: its content hashes to {blob.Digest}");
        }

        if (expectedDiffId is not null && diffId is not null && diffId != expectedDiffId)
        {
            problems.Add($"{what} decompresses to {diffId} but the config's diff_id is {expectedDiffId}");
        }
    }

    /// <summary>
    /// Reads the rest of the uncompressed layer, which tar writers pad past the end-of-archive
    /// blocks and the diffID covers too. Null when it cannot be decompressed to the end.
    /// </summary>
    private static async Task<Digest?> DrainAsync(DigestingReadStream tar, string what, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return await tar.ReadToEndAsync(cancellationToken);
        }
        catch (Exception e) when (IsBadData(e))
        {
            problems.Add($"{what} cannot be decompressed: {e.Message}");
            return null;
        }
    }

    private static bool IsBadData(Exception e) =>
        e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or ZstdSharp.ZstdException;
}

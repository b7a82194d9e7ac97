using System.Formats.Tar;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

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
    public static async Task<IReadOnlyList<string>> ValidateAsync(IBlobStore store, Descriptor root, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        await CheckAsync(store, root, problems, new HashSet<Digest>(), cancellationToken);
        return problems;
    }

    private static async Task CheckAsync(IBlobStore store, Descriptor descriptor, List<string> problems, HashSet<Digest> seen, CancellationToken cancellationToken)
    {
        if (!seen.Add(descriptor.Digest))
        {
            return;
        }

        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = await ReadDocumentAsync<ImageIndex>(store, descriptor, "index", problems, cancellationToken);
            foreach (var child in index?.Manifests ?? [])
            {
                await CheckAsync(store, child, problems, seen, cancellationToken);
            }
        }
        else if (MediaTypes.IsManifest(descriptor.MediaType))
        {
            await CheckImageAsync(store, descriptor, problems, cancellationToken);
        }
        else
        {
            problems.Add($"{descriptor.Digest} has media type '{descriptor.MediaType}', which is neither an image manifest nor an index");
        }
    }

    private static async Task CheckImageAsync(IBlobStore store, Descriptor descriptor, List<string> problems, CancellationToken cancellationToken)
    {
        var manifest = await ReadDocumentAsync<ImageManifest>(store, descriptor, "manifest", problems, cancellationToken);
        if (manifest is null)
        {
            return;
        }

        if (!ConfigMediaTypes.Contains(manifest.Config.MediaType))
        {
            problems.Add($"manifest {descriptor.Digest}: config {manifest.Config.Digest} has unknown media type '{manifest.Config.MediaType}'");
        }

        var config = await ReadDocumentAsync<ImageConfiguration>(store, manifest.Config, "config", problems, cancellationToken);
        var diffIds = config?.RootFs.DiffIds;
        if (diffIds is not null && diffIds.Count != manifest.Layers.Count)
        {
            problems.Add($"manifest {descriptor.Digest} has {manifest.Layers.Count} layers but its config lists {diffIds.Count} diff_ids");
        }

        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var expectedDiffId = diffIds is not null && i < diffIds.Count ? diffIds[i] : null;
            await CheckLayerAsync(store, manifest.Layers[i], i, expectedDiffId, problems, cancellationToken);
        }
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

    private static async Task<T?> ReadDocumentAsync<T>(IBlobStore store, Descriptor descriptor, string kind, List<string> problems, CancellationToken cancellationToken)
        where T : class
    {
        if (!await store.ContainsAsync(descriptor.Digest, cancellationToken))
        {
            problems.Add($"{kind} {descriptor.Digest} is missing");
            return null;
        }

        await using var stream = await store.OpenReadAsync(descriptor.Digest, cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > OciLimits.MaxDocumentSize)
            {
                problems.Add($"{kind} {descriptor.Digest} is larger than {OciLimits.MaxDocumentSize} bytes: not a JSON document");
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        if (bytes.Length != descriptor.Size)
        {
            problems.Add($"{kind} {descriptor.Digest} is {bytes.Length} bytes but its descriptor says {descriptor.Size}");
        }

        var actual = Digest.Compute(bytes);
        if (actual != descriptor.Digest)
        {
            problems.Add($"{kind} {descriptor.Digest} is corrupt: its content hashes to {actual}");
            return null;
        }

        try
        {
            return OciJson.Deserialize<T>(bytes, $"{kind} {descriptor.Digest}");
        }
        catch (OciFormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }
}

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

public static class BlobStoreExtensions
{
    /// <summary>Stores a JSON document in its one canonical serialisation and describes it.</summary>
    public static async Task<Descriptor> PutJsonAsync<T>(this IBlobStore store, T document, string mediaType, CancellationToken cancellationToken)
    {
        var bytes = OciJson.Serialize(document);
        await using var upload = await store.BeginUploadAsync(cancellationToken);
        await upload.Content.WriteAsync(bytes, cancellationToken);
        var info = await upload.CommitAsync(null, cancellationToken);
        return info.Describe(mediaType);
    }

    /// <summary>Copies a stream into the store, refusing it unless it matches <paramref name="expected"/>.</summary>
    public static async Task<BlobInfo> PutAsync(this IBlobStore store, Stream content, Digest? expected, CancellationToken cancellationToken)
    {
        await using var upload = await store.BeginUploadAsync(cancellationToken);
        await content.CopyToAsync(upload.Content, 1 << 20, cancellationToken);
        return await upload.CommitAsync(expected, cancellationToken);
    }

    public static async Task<T> ReadJsonAsync<T>(this IBlobStore store, Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size > OciLimits.MaxDocumentSize)
        {
            throw new OciFormatException($"{descriptor.MediaType} {descriptor.Digest} is {descriptor.Size} bytes: too large for a JSON document");
        }

        // Read one byte past the declared size, never more: a damaged store may hold a layer-sized
        // blob under a document's digest, and that must not end up in memory.
        await using var stream = await store.OpenReadAsync(descriptor.Digest, cancellationToken);
        var buffer = new byte[descriptor.Size + 1];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var bytes = buffer.AsSpan(0, length);
        if (length != descriptor.Size || Digest.Compute(bytes) != descriptor.Digest)
        {
            var size = length > descriptor.Size ? $"more than {descriptor.Size}" : length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new OciFormatException($"blob {descriptor.Digest} does not match its descriptor (size {size}, expected {descriptor.Size})");
        }

        return OciJson.Deserialize<T>(bytes, $"{descriptor.MediaType} {descriptor.Digest}");
    }
}

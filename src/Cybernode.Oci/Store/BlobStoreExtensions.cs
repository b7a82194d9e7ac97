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
}

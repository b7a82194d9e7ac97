using System.Collections.Concurrent;
using Cybernode.Oci.Model;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Registry;

/// <summary>
/// One image in a registry repository as a copy source (<c>docker://</c>): manifests and indexes come
/// from the manifests endpoint, everything else from blobs, all verified as they arrive. JSON
/// documents are kept once read, so a copy that walks the graph twice fetches each once.
/// </summary>
public sealed class RegistryImageSource(RegistryClient client, string repository, SourceImage image) : IImageSource
{
    private readonly ConcurrentDictionary<Digest, byte[]> _documents = new();

    public RegistryClient Client => client;

    public string Repository => repository;

    public string Location => $"{client.Endpoint}/{repository}";

    public Task<IReadOnlyList<SourceImage>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SourceImage>>([image]);

    /// <summary>Hands over a manifest already fetched (while resolving the reference), so it is not fetched again.</summary>
    public void Remember(RegistryManifest manifest) => _documents[manifest.Descriptor.Digest] = manifest.Bytes;

    public async Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (_documents.TryGetValue(descriptor.Digest, out var known))
        {
            return new VerifiedBlobStream(new MemoryStream(known, writable: false), descriptor, Location);
        }

        if (MediaTypes.IsManifest(descriptor.MediaType) || MediaTypes.IsIndex(descriptor.MediaType))
        {
            var manifest = await client.GetManifestAsync(repository, descriptor.Digest.ToString(), cancellationToken);
            Remember(manifest);
            return new VerifiedBlobStream(new MemoryStream(manifest.Bytes, writable: false), descriptor, Location);
        }

        if (descriptor.MediaType is MediaTypes.ImageConfig or MediaTypes.DockerConfig && descriptor.Size <= OciLimits.MaxDocumentSize)
        {
            byte[]? bytes = null;
            await client.ReadBlobAsync(repository, descriptor, async (stream, token) =>
            {
                using var buffer = new MemoryStream((int)descriptor.Size);
                await stream.CopyToAsync(buffer, token);
                bytes = buffer.ToArray();
            }, cancellationToken);
            _documents[descriptor.Digest] = bytes!;
            return new MemoryStream(bytes!, writable: false);
        }

        return await client.OpenBlobAsync(repository, descriptor, cancellationToken);
    }
}

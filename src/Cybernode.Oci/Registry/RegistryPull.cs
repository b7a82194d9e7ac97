using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Registry;

/// <summary>
/// Pulls one image: resolves the reference (tag to digest, index to the platform's manifest), fetches
/// the layers the store lacks in parallel (bounded per registry), each verified by size and digest as
/// it streams into the store, then writes the manifest and config and names the image last. A blob that
/// fails its digest is never stored; an image is named only when all of it is there.
/// </summary>
public sealed class RegistryPull(Registries registries)
{
    /// <summary>The manifest digest <paramref name="reference"/> stands for on <paramref name="platform"/>, fetching only manifests.</summary>
    public async Task<ResolvedImage> ResolveAsync(ImageReference reference, Platform platform, CancellationToken cancellationToken)
    {
        var client = ClientFor(reference);
        var root = await client.GetManifestAsync(reference.Repository, (reference.Digest?.ToString() ?? reference.Tag ?? ImageReference.DefaultTag), cancellationToken);
        var manifest = root;
        while (MediaTypes.IsIndex(manifest.Descriptor.MediaType))
        {
            var index = OciJson.Deserialize<ImageIndex>(manifest.Bytes, $"index {manifest.Descriptor.Digest} of {reference}");
            var chosen = PlatformChoice.Choose(index, platform)
                ?? throw new RegistryException(
                    $"{reference} has no image for {platform}: it offers {PlatformChoice.Offered(index)}",
                    "choose one of those with --platform");
            manifest = await client.GetManifestAsync(reference.Repository, chosen.Digest.ToString(), cancellationToken);
            if (manifest.Descriptor.Digest != chosen.Digest)
            {
                throw new OciFormatException($"{reference}: the registry sent manifest {manifest.Descriptor.Digest} for {chosen.Digest}");
            }
        }

        return new ResolvedImage(reference, platform, root, manifest);
    }

    /// <summary>
    /// Pulls <paramref name="reference"/> for <paramref name="platform"/> into <paramref name="store"/>
    /// and names it <paramref name="name"/>, by default the reference's familiar name (a digest in it
    /// becomes the platform manifest's digest, which is what the store then holds).
    /// </summary>
    public async Task<PulledImage> PullAsync(ImageReference reference, Platform platform, IImageStore store, CancellationToken cancellationToken, string? name = null)
    {
        var resolved = await ResolveAsync(reference, platform, cancellationToken);
        return await PullAsync(resolved, store, cancellationToken, name);
    }

    /// <summary>Pulls an image resolved before (by <see cref="ResolveAsync"/>).</summary>
    public async Task<PulledImage> PullAsync(ResolvedImage resolved, IImageStore store, CancellationToken cancellationToken, string? name = null)
    {
        var client = ClientFor(resolved.Reference);
        var repository = resolved.Reference.Repository;
        var finalName = name ?? NameFor(resolved);
        var source = new RegistryImageSource(client, repository, new SourceImage(resolved.Manifest.Descriptor, [finalName]));
        source.Remember(resolved.Root);
        source.Remember(resolved.Manifest);

        var blobs = await ImageGraph.CollectAsync(source, resolved.Manifest.Descriptor, cancellationToken);
        var missing = new List<Descriptor>();
        foreach (var blob in blobs.Where(b => b.Document is null))
        {
            if (!await store.ContainsAsync(blob.Descriptor.Digest, cancellationToken))
            {
                missing.Add(blob.Descriptor);
            }
        }

        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(client.Options.MaxParallelRequests, 1), CancellationToken = cancellationToken },
            async (layer, token) => await client.ReadBlobAsync(repository, layer, (stream, t) => store.PutAsync(stream, layer.Digest, t), token));

        var root = await new StoreImageSink(store).WriteAsync(source, resolved.Manifest.Descriptor, finalName, cancellationToken);
        foreach (var blob in blobs.Where(b => !MediaTypes.IsManifest(b.Descriptor.MediaType) && !MediaTypes.IsIndex(b.Descriptor.MediaType)))
        {
            client.Ledger.Record(repository, blob.Descriptor.Digest);
        }

        var present = blobs.Count(b => b.Document is null) - missing.Count;
        return new PulledImage(finalName, root, resolved.Root.Descriptor, resolved.Platform, missing.Count, present, missing.Sum(l => l.Size));
    }

    /// <summary>
    /// The store name: the reference as written (registry, repository, tag), with a digest replaced by
    /// the platform manifest's, so a name that pins a digest always names the content it points to.
    /// </summary>
    public static string NameFor(ResolvedImage resolved)
    {
        var reference = resolved.Reference;
        return reference.Digest is null
            ? reference.FamiliarName
            : (reference with { Digest = resolved.ManifestDigest }).FamiliarName;
    }

    private RegistryClient ClientFor(ImageReference reference) => registries.For(reference.Registry ?? RegistryEndpoint.DockerHub);
}

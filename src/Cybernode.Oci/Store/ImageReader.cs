using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>Follows a manifest or index descriptor to the image for one platform.</summary>
public static class ImageReader
{
    public static async Task<StoredImage> ReadAsync(IBlobStore store, Descriptor descriptor, Platform platform, CancellationToken cancellationToken)
    {
        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = await store.ReadJsonAsync<ImageIndex>(descriptor, cancellationToken);
            var match = index.ManifestFor(platform)
                ?? throw new OciFormatException($"index {descriptor.Digest} has no image for {platform}");
            return await ReadAsync(store, match, platform, cancellationToken);
        }

        if (!MediaTypes.IsManifest(descriptor.MediaType))
        {
            throw new OciFormatException($"{descriptor.Digest} is a {descriptor.MediaType}, not an image manifest or index");
        }

        var manifest = await store.ReadJsonAsync<ImageManifest>(descriptor, cancellationToken);
        var config = await store.ReadJsonAsync<ImageConfiguration>(manifest.Config, cancellationToken);
        if (config.RootFs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new OciFormatException($"image {descriptor.Digest} has {manifest.Layers.Count} layers but its config lists {config.RootFs.DiffIds.Count} diff_ids");
        }

        return new StoredImage(descriptor, manifest, config);
    }

    /// <summary>Finds an image by name (any reference form) or by manifest digest.</summary>
    public static async Task<TaggedImage?> FindAsync(IImageStore store, string reference, CancellationToken cancellationToken)
    {
        var images = await store.ListAsync(cancellationToken);
        if (Digest.TryParse(reference, out var digest) || (reference.Length == 64 && Digest.TryParse("sha256:" + reference, out digest)))
        {
            return images.FirstOrDefault(i => i.Manifest.Digest == digest);
        }

        if (!ImageReference.TryParse(reference, out var parsed, out _))
        {
            return null;
        }

        return images.FirstOrDefault(i => i.Name == parsed.FamiliarName)
            ?? images.FirstOrDefault(i => ImageReference.TryParse(i.Name, out var stored, out _) && stored.FamiliarName == parsed.FamiliarName);
    }
}

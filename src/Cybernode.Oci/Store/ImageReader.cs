using Cybernode.Oci.Graph;
using Cybernode.Oci.Model;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Store;

/// <summary>Finds images in a store and reads them for one platform.</summary>
public static class ImageReader
{
    /// <summary>Follows a manifest or index descriptor to the image for one platform.</summary>
    public static Task<PlatformImage> ReadAsync(IImageStore store, Descriptor descriptor, Platform platform, CancellationToken cancellationToken) =>
        ImageGraph.SelectPlatformAsync(new StoreImageSource(store), descriptor, platform, cancellationToken);

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

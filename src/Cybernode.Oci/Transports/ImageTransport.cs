using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Export from and import into an image store, through any transport. Both are one copy from an
/// <see cref="IImageSource"/> to an <see cref="IImageSink"/>; the store is one end, the transport the other.
/// </summary>
public static class ImageTransport
{
    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="target"/>, named by the target's reference
    /// or else by the image's full name.
    /// </summary>
    public static async Task<TransferredImage> ExportAsync(IImageStore store, TaggedImage image, TransportReference target, CancellationToken cancellationToken)
    {
        var name = target.Reference ?? image.Name;
        var sink = await target.OpenSinkAsync(cancellationToken);
        var root = await sink.WriteAsync(new StoreImageSource(store), image.Manifest, name, cancellationToken);
        return new TransferredImage(name, root);
    }

    /// <summary>
    /// Copies the image at <paramref name="source"/> into <paramref name="store"/> and names it
    /// <paramref name="name"/>, or else by the name the source gives it when that is a full image name.
    /// Every blob is verified; nothing is named unless all of them are.
    /// </summary>
    public static async Task<TransferredImage> ImportAsync(TransportReference source, IImageStore store, string? name, CancellationToken cancellationToken)
    {
        var from = await source.OpenSourceAsync(cancellationToken);
        var image = Select(await from.ListAsync(cancellationToken), source);
        var finalName = NameFor(image, name, source);
        RequireDigest(finalName, image.Root, source);
        var root = await new StoreImageSink(store).WriteAsync(from, image.Root, finalName, cancellationToken);
        return new TransferredImage(finalName, root);
    }

    /// <summary>
    /// A name that pins a digest must name the image being stored: the store would otherwise hold
    /// <c>x@sha256:A</c> pointing at image B, and everyone pulling by that digest would get B.
    /// </summary>
    private static void RequireDigest(string name, Descriptor root, TransportReference source)
    {
        var pinned = ImageReference.Parse(name).Digest;
        if (pinned is not null && pinned != root.Digest)
        {
            throw new OciFormatException($"'{name}' names digest {pinned}, but the image in {source} is {root.Digest}: refusing a name that does not match its content");
        }
    }

    private static SourceImage Select(IReadOnlyList<SourceImage> images, TransportReference source)
    {
        if (source.Reference is null)
        {
            return images.Count switch
            {
                1 => images[0],
                0 => throw new OciFormatException($"{source} holds no image"),
                _ => throw new OciFormatException($"{source} holds {images.Count} images ({List(images)}): name one as {source}:REF"),
            };
        }

        return images.FirstOrDefault(i => i.Names.Contains(source.Reference))
            ?? images.FirstOrDefault(i => i.Names.Any(n => SameImageName(n, source.Reference)))
            ?? throw new OciFormatException($"{source.Path} has no image named '{source.Reference}'; it holds {(images.Count == 0 ? "none" : List(images))}");
    }

    private static string NameFor(SourceImage image, string? name, TransportReference source)
    {
        if (name is not null)
        {
            return ImageReference.Parse(name).FamiliarName;
        }

        var full = image.Names.FirstOrDefault(IsFullName)
            ?? throw new OciFormatException(image.Names.Count == 0
                ? $"the image in {source} has no name: give one, for example cybernode/app:latest"
                : $"the image in {source} is called '{image.Names[0]}', which is not a full image name: give one, for example cybernode/app:latest");
        return ImageReference.Parse(full).FamiliarName;
    }

    /// <summary>A name that says which repository it belongs to, not just a tag such as <c>latest</c>.</summary>
    private static bool IsFullName(string name) =>
        name.IndexOfAny([':', '@', '/']) > 0 && ImageReference.TryParse(name, out _, out _);

    private static bool SameImageName(string a, string b) =>
        ImageReference.TryParse(a, out var left, out _) && ImageReference.TryParse(b, out var right, out _) && left.FamiliarName == right.FamiliarName;

    private static string List(IReadOnlyList<SourceImage> images) => string.Join(", ", images.Select(i => i.Describe()));
}

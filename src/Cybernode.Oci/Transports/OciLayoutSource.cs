using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>Images in an OCI image layout, either a folder or a tar archive of one.</summary>
internal sealed class OciLayoutSource(IFileTree files) : IImageSource
{
    private const string LayoutFile = "oci-layout";
    private const string IndexFile = "index.json";
    private const long MaxIndexSize = 16 << 20;

    /// <summary>containerd (and so docker 25+ <c>docker save</c>) puts the full name here and only the tag in ref.name.</summary>
    private const string ContainerdNameAnnotation = "io.containerd.image.name";

    public string Location => files.Location;

    public static bool IsLayout(IFileTree files) => files.LengthOf(LayoutFile) is not null && files.LengthOf(IndexFile) is not null;

    public async Task<IReadOnlyList<SourceImage>> ListAsync(CancellationToken cancellationToken)
    {
        if (!IsLayout(files))
        {
            throw new OciFormatException($"{Location} is not an OCI image layout: it has no {LayoutFile} and {IndexFile}");
        }

        if (files.LengthOf(IndexFile) > MaxIndexSize)
        {
            throw new OciFormatException($"{IndexFile} in {Location} is too large for an image index");
        }

        await using var stream = files.Open(IndexFile);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var index = OciJson.Deserialize<ImageIndex>(buffer.ToArray(), $"{IndexFile} in {Location}");
        return index.Manifests.Select(Describe).ToList();
    }

    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        var path = $"blobs/{descriptor.Digest.Algorithm}/{descriptor.Digest.Hex}";
        var length = files.LengthOf(path) ?? throw new OciFormatException($"blob {descriptor.Digest} ({descriptor.MediaType}) is missing from {Location}");
        if (length != descriptor.Size)
        {
            throw new OciFormatException($"blob {descriptor.Digest} in {Location} is {length} bytes but its descriptor says {descriptor.Size}");
        }

        Stream stream = new VerifiedBlobStream(files.Open(path), descriptor, Location);
        return Task.FromResult(stream);
    }

    /// <summary>Takes the naming annotations off the root: they name the image here, and each target names it its own way.</summary>
    private static SourceImage Describe(Descriptor entry)
    {
        string[] nameKeys = [OciLayoutStore.RefNameAnnotation, ContainerdNameAnnotation];
        var names = nameKeys.Select(entry.Annotation).OfType<string>().Distinct().ToList();
        var others = entry.Annotations?.Where(a => !nameKeys.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        var root = entry with
        {
            Annotations = others is { Count: > 0 } ? new SortedDictionary<string, string>(others, StringComparer.Ordinal) : null,
        };
        return new SourceImage(root, names);
    }
}

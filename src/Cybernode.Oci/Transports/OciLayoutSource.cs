using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>Images in an OCI image layout, either a folder or a tar archive of one.</summary>
internal sealed class OciLayoutSource(IFileTree files) : IImageSource
{
    private const string LayoutFile = "oci-layout";
    private const string IndexFile = "index.json";

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

        var length = files.LengthOf(IndexFile)!.Value;
        if (length > OciLimits.MaxDocumentSize)
        {
            throw new OciFormatException($"{IndexFile} in {Location} is {length} bytes: more than the {OciLimits.MaxDocumentSize} an image index may have");
        }

        // The read stops one byte past the size seen, so a file that grows meanwhile is never read whole.
        await using var stream = files.Open(IndexFile);
        var buffer = new byte[length + 1];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read != length)
        {
            throw new OciFormatException($"{IndexFile} in {Location} changed size while it was read");
        }

        var index = OciJson.Deserialize<ImageIndex>(buffer.AsSpan(0, read), $"{IndexFile} in {Location}");
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

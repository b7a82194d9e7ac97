using System.Text.RegularExpressions;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Transports;

/// <summary>
/// The images of a classic docker-archive (manifest.json, a config file and layer tars), offered as
/// OCI images: layers are kept byte for byte with the OCI media type of their compression, and a
/// manifest is written for them. Opening hashes every layer once (digest and diffID in one pass)
/// because the archive records neither; copying then reads each layer once more, verified.
/// </summary>
internal sealed partial class DockerArchiveSource : IImageSource
{
    public const string ManifestFile = "manifest.json";
    private readonly TarArchiveFile _archive;
    private readonly Dictionary<Digest, byte[]> _documents = [];
    private readonly Dictionary<Digest, string> _layers = [];
    private IReadOnlyList<SourceImage>? _images;

    public DockerArchiveSource(TarArchiveFile archive) => _archive = archive;

    public string Location => _archive.Location;

    public async Task<IReadOnlyList<SourceImage>> ListAsync(CancellationToken cancellationToken)
    {
        if (_images is not null)
        {
            return _images;
        }

        var entries = OciJson.Deserialize<List<DockerArchiveManifestEntry>>(await ReadSmallFileAsync(ManifestFile, cancellationToken), $"{ManifestFile} in {Location}");
        var images = new List<SourceImage>();
        foreach (var entry in entries)
        {
            images.Add(new SourceImage(await ConvertAsync(entry, cancellationToken), entry.RepoTags ?? []));
        }

        return _images = images;
    }

    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        Stream content = _documents.TryGetValue(descriptor.Digest, out var document)
            ? new MemoryStream(document, writable: false)
            : _layers.TryGetValue(descriptor.Digest, out var path)
                ? _archive.Open(path)
                : throw new OciFormatException($"blob {descriptor.Digest} is not in {Location}");
        return Task.FromResult<Stream>(new VerifiedBlobStream(content, descriptor, Location));
    }

    private async Task<Descriptor> ConvertAsync(DockerArchiveManifestEntry entry, CancellationToken cancellationToken)
    {
        var configDocument = await ReadSmallFileAsync(entry.Config, cancellationToken);
        var configDigest = Digest.Compute(configDocument);
        if (HexName().Match(entry.Config) is { Success: true } named && named.Groups["hex"].Value != configDigest.Hex)
        {
            throw new OciFormatException($"config {entry.Config} in {Location} is corrupt: its content hashes to {configDigest}");
        }

        var config = OciJson.Deserialize<ImageConfiguration>(configDocument, $"config {entry.Config} in {Location}");
        if (config.RootFs.DiffIds.Count != entry.Layers.Count)
        {
            throw new OciFormatException($"image {entry.Config} in {Location} lists {entry.Layers.Count} layers but its config has {config.RootFs.DiffIds.Count} diff_ids");
        }

        var layers = new List<Descriptor>();
        for (var i = 0; i < entry.Layers.Count; i++)
        {
            layers.Add(await DescribeLayerAsync(entry.Layers[i], config.RootFs.DiffIds[i], cancellationToken));
        }

        _documents[configDigest] = configDocument;
        var manifest = new ImageManifest(new Descriptor(MediaTypes.ImageConfig, configDigest, configDocument.Length), layers);
        var manifestDocument = OciJson.Serialize(manifest);
        var manifestDigest = Digest.Compute(manifestDocument);
        _documents[manifestDigest] = manifestDocument;
        return new Descriptor(MediaTypes.ImageManifest, manifestDigest, manifestDocument.Length);
    }

    private async Task<Descriptor> DescribeLayerAsync(string path, Digest diffId, CancellationToken cancellationToken)
    {
        if (_archive.LengthOf(path) is null)
        {
            throw new OciFormatException($"layer {path} is missing from {Location}");
        }

        var head = new byte[4];
        int headLength;
        await using (var peek = _archive.Open(path))
        {
            headLength = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var compression = Compression.Detect(head.AsSpan(0, headLength));
        await using var blob = new DigestingReadStream(_archive.Open(path));
        await using var tar = new DigestingReadStream(compression.Decompress(blob));
        try
        {
            await tar.ReadToEndAsync(cancellationToken);
            await blob.ReadToEndAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException)
        {
            throw new OciFormatException($"layer {path} in {Location} is corrupt: it cannot be decompressed ({compression}): {e.Message}");
        }

        if (tar.Digest != diffId)
        {
            throw new OciFormatException($"layer {path} in {Location} is corrupt: its content hashes to {tar.Digest}, the config's diff_id is {diffId}");
        }

        _layers[blob.Digest] = path;
        return new Descriptor(compression.MediaType(), blob.Digest, blob.BytesRead);
    }

    private async Task<byte[]> ReadSmallFileAsync(string path, CancellationToken cancellationToken)
    {
        var length = _archive.LengthOf(path) ?? throw new OciFormatException($"{Location} is not a docker-archive: it has no {path}");
        if (length > OciLimits.MaxDocumentSize)
        {
            throw new OciFormatException($"{path} in {Location} is {length} bytes: too large for a JSON document");
        }

        await using var stream = _archive.Open(path);
        using var buffer = new MemoryStream((int)length);
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>docker and skopeo name the config after its own digest: <c>[blobs/sha256/]HEX[.json]</c>.</summary>
    [GeneratedRegex(@"(?:^|/)(?<hex>[0-9a-f]{64})(?:\.json)?$")]
    private static partial Regex HexName();
}

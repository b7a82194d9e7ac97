using System.Text;
using System.Text.Json;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Providers.Archives;

/// <summary>
/// Writes an image from the store as an archive an engine can load: a docker-archive for docker,
/// an oci-archive for podman and buildah. Blobs are streamed from the store into the tar as they
/// are, compressed layers included (docker load and podman load both decompress them).
/// </summary>
public static class ImageArchiveWriter
{
    private const int FileMode = 420; // 0644
    private const int FolderMode = 493; // 0755
    private const string BlobFolder = "blobs/sha256/";

    /// <summary>Writes <paramref name="image"/> to <paramref name="targetPath"/>, naming it <paramref name="name"/> (a familiar name such as cybernode/x:latest) inside.</summary>
    public static async Task WriteAsync(IBlobStore store, StoredImage image, string name, string targetPath, ArchiveFormat format, CancellationToken cancellationToken)
    {
        var temp = targetPath + ".partial";
        await using (var file = new FileStream(temp, System.IO.FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var tar = new ReproducibleTarWriter(file))
        {
            await WriteFolderAsync(tar, "blobs/", cancellationToken);
            await WriteFolderAsync(tar, BlobFolder, cancellationToken);
            await WriteBlobAsync(tar, store, image.Manifest.Config, cancellationToken);
            foreach (var layer in image.Manifest.Layers.DistinctBy(l => l.Digest))
            {
                await WriteBlobAsync(tar, store, layer, cancellationToken);
            }

            if (format == ArchiveFormat.OciArchive)
            {
                await WriteBlobAsync(tar, store, image.ManifestDescriptor, cancellationToken);
                await WriteFileAsync(tar, "oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), cancellationToken);
                var entry = new Descriptor(image.ManifestDescriptor.MediaType, image.ManifestDescriptor.Digest, image.ManifestDescriptor.Size)
                {
                    Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [OciLayoutStore.RefNameAnnotation] = name },
                };
                await WriteFileAsync(tar, "index.json", OciJson.Serialize(new ImageIndex([entry])), cancellationToken);
            }
            else
            {
                var manifest = new[]
                {
                    new DockerArchiveEntry(BlobPath(image.Manifest.Config.Digest), [name], [.. image.Manifest.Layers.Select(l => BlobPath(l.Digest))]),
                };
                await WriteFileAsync(tar, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest), cancellationToken);
            }

            await tar.FinishAsync(cancellationToken);
        }

        File.Move(temp, targetPath, overwrite: true);
    }

    /// <summary>Finds <paramref name="name"/> in the store and writes it; the archive names it as the store does.</summary>
    public static async Task WriteAsync(IImageStore store, string name, string targetPath, ArchiveFormat format, CancellationToken cancellationToken)
    {
        var tagged = await ImageReader.FindAsync(store, name, cancellationToken)
            ?? throw new ProviderException($"there is no image {name} in {store.Location}", "build it first, or list the store with cybernode images");
        var image = await ImageReader.ReadAsync(store, tagged.Manifest, Platform.LinuxAmd64, cancellationToken);
        await WriteAsync(store, image, tagged.Name, targetPath, format, cancellationToken);
    }

    private static string BlobPath(Digest digest) => BlobFolder + digest.Hex;

    private static Task WriteFolderAsync(ReproducibleTarWriter tar, string path, CancellationToken cancellationToken) =>
        tar.WriteEntryAsync(new TarEntryHeader(path, TarEntryType.Directory, FolderMode, 0, 0, 0), null, cancellationToken);

    private static async Task WriteFileAsync(ReproducibleTarWriter tar, string path, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        await tar.WriteEntryAsync(new TarEntryHeader(path, TarEntryType.File, FileMode, 0, 0, 0, content.Length), stream, cancellationToken);
    }

    private static async Task WriteBlobAsync(ReproducibleTarWriter tar, IBlobStore store, Descriptor blob, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(blob.Digest, cancellationToken);
        await tar.WriteEntryAsync(new TarEntryHeader(BlobPath(blob.Digest), TarEntryType.File, FileMode, 0, 0, 0, blob.Size), content, cancellationToken);
    }
}

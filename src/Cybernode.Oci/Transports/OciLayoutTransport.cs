using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary><c>oci:DIR[:REF]</c>, an OCI image layout folder.</summary>
public sealed class OciLayoutTransport : FileTransport
{
    public override string Name => "oci";

    protected override bool NamesFolder => true;

    public override Task<IImageSource> OpenSourceAsync(TransportReference reference, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(reference.Path))
        {
            throw new OciFormatException($"{Path.GetFullPath(reference.Path)} does not exist: {reference} needs an OCI image layout folder");
        }

        IImageSource source = new OciLayoutSource(new DirectoryFileTree(reference.Path));
        return Task.FromResult(source);
    }

    public override async Task<IImageSink> OpenSinkAsync(TransportReference reference, CancellationToken cancellationToken) =>
        new StoreImageSink(await OciLayoutStore.OpenAsync(RequireLayoutFolder(reference.Path), cancellationToken));

    /// <summary>
    /// An oci export goes into a new or empty folder, or adds to an OCI layout: it never scatters
    /// blobs/ and index.json among files of a folder that is something else.
    /// </summary>
    private static string RequireLayoutFolder(string path)
    {
        var full = Path.GetFullPath(path);
        var kind = RegularFile.KindOf(full, followLinks: true);
        if (kind == FileKind.Missing || (kind == FileKind.Directory && (File.Exists(Path.Combine(full, OciLayoutStore.LayoutFile)) || !Directory.EnumerateFileSystemEntries(full).Any())))
        {
            return full;
        }

        throw kind == FileKind.Directory
            ? new StorageException($"{full} is a folder holding other files and no OCI image layout", "give a new or empty folder, or an existing OCI layout to add the image to")
            : new StorageException($"{full} is {RegularFile.Describe(kind)}: --format oci writes a layout folder", "give a folder path, or --format oci-archive to write a file");
    }
}

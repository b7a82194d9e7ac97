using Cybernode.Oci.Layers;
using ArchiveEntryType = System.Formats.Tar.TarEntryType;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Build.Assembly;

/// <summary>Reading the local tar archives that ADD unpacks: plain, gzip or zstd, and the entry kinds a layer keeps.</summary>
public static class LocalArchive
{
    /// <summary>Opens an archive file as an uncompressed tar stream, whatever compression it has.</summary>
    public static async Task<Stream> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        var head = new byte[4];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        return Compression.Detect(head.AsSpan(0, read)).Decompress(file);
    }

    /// <summary>The layer entry kind for an archive entry, or null for kinds an image does not keep (devices, fifos).</summary>
    public static TarEntryType? KindOf(ArchiveEntryType type) => type switch
    {
        ArchiveEntryType.Directory => TarEntryType.Directory,
        ArchiveEntryType.SymbolicLink => TarEntryType.Symlink,
        ArchiveEntryType.HardLink => TarEntryType.Hardlink,
        ArchiveEntryType.RegularFile or ArchiveEntryType.V7RegularFile or ArchiveEntryType.ContiguousFile => TarEntryType.File,
        _ => null,
    };
}

using Cybernode.Oci.Layers;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using ArchiveEntryType = System.Formats.Tar.TarEntryType;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Build.Assembly;

/// <summary>Reading the local tar archives that ADD unpacks: plain, gzip, bzip2, xz or zstd, and the entry kinds a layer keeps.</summary>
public static class LocalArchive
{
    private const int TarMagicOffset = 257;

    /// <summary>True when the file is a tar archive (plain, gzip, bzip2, xz or zstd), which ADD unpacks instead of copying.</summary>
    public static bool IsArchive(string path)
    {
        using var tar = Open(path);
        var head = new byte[TarMagicOffset + 8];
        try
        {
            var read = tar.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return read >= TarMagicOffset + 5 && head.AsSpan(TarMagicOffset, 5).SequenceEqual("ustar"u8);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SharpCompress.Common.ArchiveException or InvalidOperationException)
        {
            // Compressed data that is not a compressed tar (or is damaged) is copied as it is, as docker does.
            return false;
        }
    }

    /// <summary>
    /// Opens an archive file as an uncompressed tar stream, whatever compression it has: recognised
    /// by its magic number, never by the file's name, as docker does.
    /// </summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var head = new byte[6];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return head.AsSpan(0, read) switch
        {
            [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] => new XZStream(file),
            [0x42, 0x5a, 0x68, ..] => BZip2Stream.Create(file, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true),
            _ => Compression.Detect(head.AsSpan(0, read)).Decompress(file),
        };
    }

    /// <summary>
    /// An archive entry as a layer entry at its path inside <paramref name="destination"/>, or null
    /// for kinds an image does not keep and for the archive's own root entry ('./'): the folder the
    /// ADD unpacks into keeps the owner and mode it has (--chown's, or the image's), as BuildKit and
    /// moby's unpacking skip '.' over an existing folder. Names are taken as inside a root: ".." and
    /// a leading '/' never lead above it.
    /// </summary>
    public static TarEntryHeader? HeaderOf(System.Formats.Tar.TarEntry entry, string destination)
    {
        var type = KindOf(entry.EntryType);
        var name = Sources.SourcePaths.CleanAbsolute(destination + "/" + entry.Name).TrimStart('/');
        if (type is null || name.Length == 0 || Sources.SourcePaths.CleanAbsolute("/" + entry.Name) == "/")
        {
            return null;
        }

        var linkTarget = type == TarEntryType.Hardlink
            ? Sources.SourcePaths.CleanAbsolute(destination + "/" + entry.LinkName).TrimStart('/')
            : entry.LinkName;
        return new TarEntryHeader(
            name,
            type.Value,
            (int)entry.Mode,
            entry.Uid,
            entry.Gid,
            entry.ModificationTime.ToUnixTimeSeconds(),
            type == TarEntryType.File ? entry.Length : 0,
            string.IsNullOrEmpty(linkTarget) ? null : linkTarget);
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

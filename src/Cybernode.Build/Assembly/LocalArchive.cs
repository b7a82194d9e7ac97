using Cybernode.Oci.Layers;
using ArchiveEntryType = System.Formats.Tar.TarEntryType;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Build.Assembly;

/// <summary>Reading the local tar archives that ADD unpacks: plain, gzip or zstd, and the entry kinds a layer keeps.</summary>
public static class LocalArchive
{
    private const int TarMagicOffset = 257;

    /// <summary>True when the file is a tar archive (plain, gzip or zstd), which ADD unpacks instead of copying.</summary>
    public static bool IsArchive(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[TarMagicOffset + 8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var compression = Compression.Detect(head.AsSpan(0, read));
        if (compression != LayerCompression.None)
        {
            stream.Position = 0;
            using var decompressed = compression.Decompress(stream);
            read = decompressed.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return read >= TarMagicOffset + 5 && head.AsSpan(TarMagicOffset, 5).SequenceEqual("ustar"u8);
    }

    /// <summary>Opens an archive file as an uncompressed tar stream, whatever compression it has.</summary>
    public static async Task<Stream> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        var head = new byte[4];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        return Compression.Detect(head.AsSpan(0, read)).Decompress(file);
    }

    /// <summary>
    /// An archive entry as a layer entry at its path inside <paramref name="destination"/>, or null
    /// for kinds an image does not keep. Names are taken as inside a root: ".." and a leading '/'
    /// never lead above it.
    /// </summary>
    public static TarEntryHeader? HeaderOf(System.Formats.Tar.TarEntry entry, string destination)
    {
        var type = KindOf(entry.EntryType);
        var name = Sources.SourcePaths.CleanAbsolute(destination + "/" + entry.Name).TrimStart('/');
        if (type is null || name.Length == 0)
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

using Cybernode.Oci.Layers;

namespace Cybernode.Oci.Transports;

/// <summary>The fixed owner, mode and time every archive entry gets, so the same image always gives the same archive bytes.</summary>
internal static class ArchiveEntries
{
    private const int FileMode = 420; // 0644
    private const int FolderMode = 493; // 0755
    private const long Time = 0;

    public static TarEntryHeader File(string name, long size) => new(name, TarEntryType.File, FileMode, 0, 0, Time, size);

    public static TarEntryHeader Folder(string name) => new(name, TarEntryType.Directory, FolderMode, 0, 0, Time);

    public static async Task WriteFileAsync(ReproducibleTarWriter tar, string name, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await tar.WriteEntryAsync(File(name, content.Length), stream, cancellationToken);
    }
}

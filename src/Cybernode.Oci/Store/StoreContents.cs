using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// Every file of a store folder, sorted into blobs (a regular file under blobs/sha256 named by a
/// digest), temp files and stray entries (anything an OCI layout does not hold).
/// </summary>
public sealed record StoreContents(IReadOnlyList<StoredBlob> Blobs, IReadOnlyList<StrayEntry> Stray)
{
    private static readonly string[] LayoutEntries = [OciLayoutStore.LayoutFile, OciLayoutStore.IndexFile, OciLayoutStore.BlobsFolder];

    public static StoreContents Read(OciLayoutStore store)
    {
        var blobs = new List<StoredBlob>();
        var stray = new List<StrayEntry>();
        foreach (var entry in Sorted(store.Location))
        {
            var name = Path.GetFileName(entry);
            var kind = RegularFile.KindOf(entry, followLinks: false);
            var expected = name == OciLayoutStore.BlobsFolder ? FileKind.Directory : FileKind.Regular;
            if (!LayoutEntries.Contains(name) || kind != expected)
            {
                stray.Add(StrayEntry.Describe(entry, kind, TempFiles.IsTempName(name)));
            }
        }

        var blobRoot = Path.Combine(store.Location, OciLayoutStore.BlobsFolder);
        foreach (var folder in Sorted(blobRoot))
        {
            if (Path.GetFileName(folder) != Digest.Sha256Algorithm || RegularFile.KindOf(folder, followLinks: false) != FileKind.Directory)
            {
                stray.Add(StrayEntry.Describe(folder, RegularFile.KindOf(folder, followLinks: false), temporary: false));
                continue;
            }

            foreach (var file in Sorted(folder))
            {
                var kind = RegularFile.KindOf(file, followLinks: false);
                if (kind == FileKind.Regular && Digest.TryParse($"{Digest.Sha256Algorithm}:{Path.GetFileName(file)}", out var digest))
                {
                    blobs.Add(new StoredBlob(digest, file, new FileInfo(file).Length));
                }
                else
                {
                    stray.Add(StrayEntry.Describe(file, kind, temporary: false));
                }
            }
        }

        return new StoreContents(blobs, stray);
    }

    private static IEnumerable<string> Sorted(string folder) =>
        RegularFile.KindOf(folder, followLinks: false) == FileKind.Directory
            ? Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal)
            : [];
}

using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Keeps the hard links among the files one source of a COPY or ADD takes, as docker, BuildKit and
/// buildah do: of the names of one host file that one source (a folder, a file, one match of a
/// pattern) brings, the first in entry order is written as the file and the others as hard links to
/// it. Names that different sources bring stay separate files, as each engine copies each source on
/// its own. The entries come sorted by name, so which name holds the content depends only on the
/// names, never on the order a folder was listed in.
/// </summary>
public static class HardLinkJoiner
{
    public static IReadOnlyList<DraftEntry> Join(IEnumerable<DraftEntry> sortedEntries, Func<DraftEntry, int> sourceOf)
    {
        var firstNames = new Dictionary<(int Source, FileIdentity File), string>();
        var joined = new List<DraftEntry>();
        foreach (var entry in sortedEntries)
        {
            joined.Add(entry.Header.Type == TarEntryType.File && entry.ContentPath is { } content && RegularFile.SharedIdentityOf(content) is { } identity
                ? LinkOrFirst(entry, (sourceOf(entry), identity), firstNames)
                : entry);
        }

        return joined;
    }

    private static DraftEntry LinkOrFirst(DraftEntry entry, (int, FileIdentity) key, Dictionary<(int, FileIdentity), string> firstNames)
    {
        if (firstNames.TryAdd(key, entry.Header.Name))
        {
            return entry;
        }

        // Hard link entries carry no content; the link target is an image path without its leading '/'.
        return new DraftEntry(entry.Header with { Type = TarEntryType.Hardlink, Size = 0, LinkTarget = firstNames[key] }, null);
    }
}

using System.Formats.Tar;
using Cybernode.Oci.FileSystem;

namespace Cybernode.Oci.Transports;

/// <summary>
/// A tar archive on disk, indexed once by its headers so any entry can then be read in place.
/// Only headers are read while indexing (the reader seeks over data), so a large archive costs
/// one small table, never its content in memory.
/// </summary>
internal sealed class TarArchiveFile : IFileTree
{
    private const int MaxLinkHops = 8;
    private readonly Dictionary<string, Entry> _entries;

    private TarArchiveFile(string location, Dictionary<string, Entry> entries)
    {
        Location = location;
        _entries = entries;
    }

    public string Location { get; }

    public static async Task<TarArchiveFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var location = Path.GetFullPath(path);
        if (RegularFile.KindOf(location, followLinks: true) == FileKind.Missing)
        {
            throw new OciFormatException($"archive {location} does not exist");
        }

        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        await using var file = RegularFile.OpenRead(location);
        var head = new byte[4];
        var headLength = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (Layers.Compression.Detect(head.AsSpan(0, headLength)) != Layers.LayerCompression.None)
        {
            throw new OciFormatException($"archive {location} is compressed: decompress it to a plain tar first");
        }

        file.Position = 0;
        try
        {
            await using var reader = new TarReader(file, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = Normalize(entry.Name);
                if (name.Length == 0)
                {
                    continue;
                }

                var length = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile ? entry.Length : 0;
                if (entry.DataOffset + length > file.Length)
                {
                    throw new OciFormatException($"archive {location} is truncated: entry '{name}' needs {length} bytes at offset {entry.DataOffset} but the file ends at {file.Length}");
                }

                entries[name] = new Entry(entry.EntryType, entry.DataOffset, length, string.IsNullOrEmpty(entry.LinkName) ? null : entry.LinkName);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw new OciFormatException($"archive {location} is not a readable tar (truncated or damaged): {e.Message}");
        }

        return new TarArchiveFile(location, entries);
    }

    public long? LengthOf(string path) => Find(path) is { } entry && IsFile(entry) ? entry.Length : null;

    public Stream Open(string path)
    {
        var entry = Find(path);
        if (entry is null || !IsFile(entry))
        {
            throw new OciFormatException($"archive {Location} has no file '{path}'");
        }

        return new WindowStream(Location, entry.Offset, entry.Length);
    }

    private static bool IsFile(Entry entry) => entry.Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile;

    /// <summary>Resolves a path through symbolic and hard links, as `docker save` and skopeo write them to share layers.</summary>
    private Entry? Find(string path)
    {
        var name = Normalize(path);
        for (var hop = 0; hop <= MaxLinkHops; hop++)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                return null;
            }

            switch (entry.Type)
            {
                case TarEntryType.SymbolicLink when entry.LinkName is not null:
                    var folder = name.Contains('/') ? name[..name.LastIndexOf('/')] : "";
                    name = Normalize(entry.LinkName.StartsWith('/') ? entry.LinkName : $"{folder}/{entry.LinkName}");
                    break;
                case TarEntryType.HardLink when entry.LinkName is not null:
                    name = Normalize(entry.LinkName);
                    break;
                default:
                    return entry;
            }
        }

        throw new OciFormatException($"archive {Location}: '{path}' is a chain of more than {MaxLinkHops} links");
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private sealed record Entry(TarEntryType Type, long Offset, long Length, string? LinkName);
}

using System.Formats.Tar;
using Cybernode.Dockerfile.Ignore;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Store;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Build.Assembly.Sources;

/// <summary>
/// The files of an image or of an earlier stage, for <c>COPY --from</c>: its layers applied in order
/// (whiteouts honoured) into a scratch folder, with owners and modes kept beside the files, since
/// the scratch copy cannot carry them. Paths are image paths; nothing leads outside the image.
/// </summary>
public sealed class ImageFilesystem : ISourceTree
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private const int MaxLinkHops = 40;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);
    private readonly string _scratch;
    private int _files;

    private ImageFilesystem(string description, string scratch)
    {
        Description = description;
        _scratch = scratch;
        Directory.CreateDirectory(scratch);
    }

    public string Description { get; }

    /// <summary>Applies the layers of a planned image; layers already in the store are read from it.</summary>
    public static async Task<ImageFilesystem> MaterializeAsync(string description, IBlobStore store, IReadOnlyList<PlannedLayer> layers, string scratch, CancellationToken cancellationToken)
    {
        var filesystem = new ImageFilesystem(description, scratch);
        foreach (var layer in layers)
        {
            if (layer.Existing is { } existing)
            {
                await using var blob = await store.OpenReadAsync(existing.Descriptor.Digest, cancellationToken);
                await using var tar = Compression.FromMediaType(existing.Descriptor.MediaType).Decompress(blob);
                await filesystem.ApplyTarAsync(tar, "", honourWhiteouts: true, null, cancellationToken);
                continue;
            }

            foreach (var entry in layer.New!.Entries)
            {
                filesystem.Put(entry.Header.Name, new Node(entry.Header.Type, entry.Header.Mode, entry.Header.Uid, entry.Header.Gid, entry.Header.Size, entry.Header.LinkTarget, entry.ContentPath));
            }

            foreach (var archive in layer.New.Archives)
            {
                await using var tar = await LocalArchive.OpenAsync(archive.ArchivePath, cancellationToken);
                await filesystem.ApplyTarAsync(tar, archive.Destination.Trim('/'), honourWhiteouts: false, archive, cancellationToken);
            }
        }

        return filesystem;
    }

    public IReadOnlyList<SourceItem> Resolve(string source)
    {
        var path = SourcePaths.CleanAbsolute(source).TrimStart('/');
        if (!GoPathMatch.HasMeta(path))
        {
            var resolved = Follow(path) ?? throw new SourceResolutionException($"'{source}' does not exist in {Description}", $"check the path inside {Description}");
            return [Item(resolved.Path, resolved.Node)];
        }

        var depth = path.Count(c => c == '/');
        var matches = _paths
            .Where(p => p.Length > 0 && p.Count(c => c == '/') == depth && GoPathMatch.Match(path, p))
            .Select(p => Item(p, _nodes[p]))
            .ToList();
        return matches.Count > 0
            ? matches
            : throw new SourceResolutionException($"nothing in {Description} matches '{source}'", $"check the pattern against the files of {Description}");
    }

    /// <summary>The text of a file of the image (links followed), or null when there is no such file.</summary>
    public string? ReadText(string path)
    {
        var found = Follow(SourcePaths.CleanAbsolute(path).TrimStart('/'));
        return found is { Node: { Type: TarEntryType.File, ContentPath: { } content } } ? File.ReadAllText(content) : null;
    }

    public IEnumerable<SourceItem> Descendants(SourceItem folder)
    {
        return Below(folder.RelativePath).Select(p => Item(p, _nodes[p])).ToList();
    }

    private static SourceItem Item(string path, Node node) =>
        new(path, node.ContentPath ?? "", node.Type, node.Mode, node.Uid, node.Gid, node.Type == TarEntryType.File ? node.Size : 0, node.LinkTarget);

    /// <summary>Looks a path up, following symbolic links inside the image as the kernel would in a container.</summary>
    private (string Path, Node Node)? Follow(string path)
    {
        for (var hops = 0; hops < MaxLinkHops; hops++)
        {
            if (path.Length == 0)
            {
                return ("", _nodes.GetValueOrDefault("") ?? new Node(TarEntryType.Directory, 493, 0, 0, 0, null, null));
            }

            if (!_nodes.TryGetValue(path, out var node))
            {
                return null;
            }

            if (node.Type != TarEntryType.Symlink)
            {
                return (path, node);
            }

            var target = node.LinkTarget ?? "";
            var parent = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
            path = SourcePaths.CleanAbsolute(target.StartsWith('/') ? target : $"/{parent}/{target}").TrimStart('/');
        }

        throw new SourceResolutionException($"'{path}' in {Description} is a loop of symbolic links", "copy the file the links point to");
    }

    private async Task ApplyTarAsync(Stream tar, string destination, bool honourWhiteouts, PlannedArchive? archive, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(tar);
        var addedByThisLayer = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var relative = SourcePaths.CleanRelative(entry.Name);
            if (string.IsNullOrEmpty(relative))
            {
                continue;
            }

            var path = destination.Length == 0 ? relative : $"{destination}/{relative}";
            var name = SourcePaths.FileName(path);
            var parent = path.Length > name.Length ? path[..(path.Length - name.Length - 1)] : "";
            if (honourWhiteouts && name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var victim = name == OpaqueWhiteout ? parent : SourcePaths.Combine(parent, name[WhiteoutPrefix.Length..]).TrimStart('/');
                RemoveBelow(victim, keepSelf: name == OpaqueWhiteout, addedByThisLayer);
                continue;
            }

            var type = LocalArchive.KindOf(entry.EntryType);
            if (type is null)
            {
                continue;
            }

            var mode = archive?.Mode ?? (int)entry.Mode;
            var uid = entry.Uid;
            var gid = entry.Gid;
            Node node;
            if (type == TarEntryType.Hardlink)
            {
                var linked = SourcePaths.CleanRelative(entry.LinkName) ?? "";
                var linkedPath = destination.Length == 0 ? linked : $"{destination}/{linked}";
                if (!_nodes.TryGetValue(linkedPath, out var original))
                {
                    continue;
                }

                node = original with { Mode = mode, Uid = uid, Gid = gid };
            }
            else if (type == TarEntryType.File)
            {
                var scratchFile = Path.Combine(_scratch, (++_files).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await using (var output = File.Create(scratchFile))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(output, cancellationToken);
                    }
                }

                node = new Node(TarEntryType.File, mode, uid, gid, entry.Length, null, scratchFile);
            }
            else
            {
                node = new Node(type.Value, mode, uid, gid, 0, type == TarEntryType.Symlink ? entry.LinkName : null, null);
            }

            Put(path, node);
            addedByThisLayer.Add(path);
        }
    }

    private void Put(string name, Node node)
    {
        var path = name.Trim('/');
        if (node.Type != TarEntryType.Directory && _nodes.TryGetValue(path, out var previous) && previous.Type == TarEntryType.Directory)
        {
            RemoveBelow(path, keepSelf: false, []);
        }

        _nodes[path] = node;
        _paths.Add(path);
    }

    /// <summary>The paths strictly below a folder, in ordinal order (parents first).</summary>
    private SortedSet<string> Below(string folder)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return _paths.GetViewBetween(prefix + "\0", prefix + char.MaxValue);
    }

    private void RemoveBelow(string path, bool keepSelf, HashSet<string> keep)
    {
        var doomed = Below(path).Where(p => !keep.Contains(p)).ToList();
        if (!keepSelf && path.Length > 0)
        {
            doomed.Add(path);
        }

        foreach (var key in doomed)
        {
            _nodes.Remove(key);
            _paths.Remove(key);
        }
    }

    private sealed record Node(TarEntryType Type, int Mode, int Uid, int Gid, long Size, string? LinkTarget, string? ContentPath);
}

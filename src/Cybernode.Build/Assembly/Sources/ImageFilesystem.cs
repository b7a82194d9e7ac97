using System.Formats.Tar;
using Cybernode.Dockerfile.Ignore;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Store;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Build.Assembly.Sources;

/// <summary>
/// The files of an image or of an earlier stage: its layers applied in order (whiteouts honoured).
/// With a scratch folder, file contents are copied there for <c>COPY --from</c>, with owners and
/// modes kept beside them since the scratch copy cannot carry them; without one only the tree is
/// kept, which is what planning the next layer needs. Paths are image paths, resolved as in a
/// chroot: links are followed but never lead above the root, so nothing leads outside the image.
/// </summary>
public sealed class ImageFilesystem : ISourceTree
{
    public const string WhiteoutPrefix = ".wh.";
    public const string OpaqueWhiteout = ".wh..wh..opq";
    private const int MaxLinkHops = 40;
    private static readonly Node Root = new(TarEntryType.Directory, 493, 0, 0, 0, null, null);
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);
    private readonly string? _scratch;
    private int _files;

    private ImageFilesystem(string description, string? scratch)
    {
        Description = description;
        _scratch = scratch;
        if (scratch is not null)
        {
            Directory.CreateDirectory(scratch);
        }
    }

    public string Description { get; }

    /// <summary>
    /// Applies the layers of a drafted image; layers already in the store are read from it. Without
    /// <paramref name="scratch"/> no file content is copied.
    /// </summary>
    public static async Task<ImageFilesystem> MaterializeAsync(string description, IBlobStore store, IEnumerable<DraftLayer> layers, string? scratch, CancellationToken cancellationToken)
    {
        var filesystem = new ImageFilesystem(description, scratch);
        await filesystem.ApplyAsync(store, layers, cancellationToken);
        return filesystem;
    }

    /// <summary>Applies more layers on top of what is there.</summary>
    public async Task ApplyAsync(IBlobStore store, IEnumerable<DraftLayer> layers, CancellationToken cancellationToken)
    {
        foreach (var layer in layers)
        {
            var addedByThisLayer = new HashSet<string>(StringComparer.Ordinal);
            if (layer.Existing is { } existing)
            {
                await using var blob = await store.OpenReadAsync(existing.Descriptor.Digest, cancellationToken);
                await using var tar = Compression.FromMediaType(existing.Descriptor.MediaType).Decompress(blob);
                await ApplyTarAsync(tar, null, addedByThisLayer, cancellationToken);
                continue;
            }

            foreach (var entry in layer.New!.Entries)
            {
                Apply(entry.Header, entry.ContentPath, addedByThisLayer);
            }

            foreach (var archive in layer.New.Archives)
            {
                await using var tar = LocalArchive.Open(archive.ArchivePath);
                await ApplyTarAsync(tar, archive, addedByThisLayer, cancellationToken);
            }
        }
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

    /// <summary>The entry at exactly this path (no link followed; "" is the root), or null.</summary>
    public SourceItem? Find(string path)
    {
        var key = path.Trim('/');
        return key.Length == 0 ? Item("", Root) : _nodes.TryGetValue(key, out var node) ? Item(key, node) : null;
    }

    /// <summary>
    /// Resolves a path the way the kernel would inside a container of this image: every link on the
    /// way is followed (the last one only with <paramref name="followLast"/>), and ".." or an
    /// absolute link target never lead above the root. Returns the path without its leading '/',
    /// and the first part of it that is neither a folder nor a link, when one blocks the way.
    /// </summary>
    public (string Path, string? Blocker) ResolvePath(string path, bool followLast)
    {
        var pending = new LinkedList<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = new List<string>();
        var hops = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = SourcePaths.Below(string.Join('/', resolved), part);
            var isLast = pending.Count == 0;
            if (_nodes.TryGetValue(candidate, out var node) && node.Type == TarEntryType.Symlink && (!isLast || followLast))
            {
                if (++hops > MaxLinkHops)
                {
                    throw new SourceResolutionException($"'/{candidate}' in {Description} is a loop of symbolic links", "copy the file the links point to");
                }

                var target = node.LinkTarget ?? "";
                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                foreach (var targetPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.AddFirst(targetPart);
                }

                continue;
            }

            if (node is not null && node.Type != TarEntryType.Directory && !isLast)
            {
                return (candidate, candidate);
            }

            resolved.Add(part);
        }

        return (string.Join('/', resolved), null);
    }

    /// <summary>Applies one entry of a layer: a whiteout removes from the layers below, anything else lands at its resolved path.</summary>
    public void Apply(TarEntryHeader header, string? contentPath, HashSet<string> addedByThisLayer)
    {
        var (parent, name) = SourcePaths.Split(header.Name.Trim('/'));
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            var victim = name == OpaqueWhiteout ? parent : SourcePaths.Below(parent, name[WhiteoutPrefix.Length..]);
            RemoveBelow(ResolvePath(victim, followLast: false).Path, keepSelf: name == OpaqueWhiteout, addedByThisLayer);
            return;
        }

        Node node;
        if (header.Type == TarEntryType.Hardlink)
        {
            // A hard link is the same file under another name; as a source it is a copy of it.
            var linked = ResolvePath(header.LinkTarget ?? "", followLast: false);
            if (linked.Blocker is not null || !_nodes.TryGetValue(linked.Path, out var original) || original.Type != TarEntryType.File)
            {
                return;
            }

            node = original with { Mode = header.Mode, Uid = header.Uid, Gid = header.Gid };
        }
        else
        {
            node = new Node(header.Type, header.Mode, header.Uid, header.Gid, header.Size, header.LinkTarget, contentPath);
        }

        var (resolvedParent, blocker) = ResolvePath(parent, followLast: true);
        if (blocker is not null)
        {
            // What an engine does with such an entry: the file in the way is replaced by a folder.
            Put(blocker, Root);
            (resolvedParent, _) = ResolvePath(parent, followLast: true);
        }

        var target = SourcePaths.Below(resolvedParent, name);
        if (target.Length > 0)
        {
            Put(target, node);
            addedByThisLayer.Add(target);
        }
    }

    private static SourceItem Item(string path, Node node) =>
        new(path, node.ContentPath ?? "", node.Type, node.Mode, node.Uid, node.Gid, node.Type == TarEntryType.File ? node.Size : 0, node.LinkTarget);

    /// <summary>Looks a path up, following symbolic links inside the image as the kernel would in a container.</summary>
    private (string Path, Node Node)? Follow(string path)
    {
        var (resolved, blocker) = ResolvePath(path, followLast: true);
        if (blocker is not null)
        {
            return null;
        }

        return resolved.Length == 0 ? ("", _nodes.GetValueOrDefault("") ?? Root)
            : _nodes.TryGetValue(resolved, out var node) ? (resolved, node) : null;
    }

    /// <summary>Applies a tar stream: a layer of the store (picks null), or the entries of an ADDed archive that planning kept.</summary>
    private async Task ApplyTarAsync(Stream tar, DraftArchive? archive, HashSet<string> addedByThisLayer, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(tar);
        var picks = archive?.Picks.GetEnumerator();
        var pick = picks is not null && picks.MoveNext() ? picks.Current : null;
        var index = -1;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            index++;
            TarEntryHeader header;
            if (archive is not null)
            {
                if (pick is null)
                {
                    break;
                }

                if (pick.Index != index)
                {
                    continue;
                }

                header = pick.Header;
                pick = picks!.MoveNext() ? picks.Current : null;
            }
            else if (LocalArchive.HeaderOf(entry, "") is { } own)
            {
                header = own;
            }
            else
            {
                continue;
            }

            string? content = null;
            if (header.Type == TarEntryType.File && _scratch is not null)
            {
                content = Path.Combine(_scratch, (++_files).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await using var output = File.Create(content);
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(output, cancellationToken);
                }
            }

            Apply(header with { Size = entry.Length }, content, addedByThisLayer);
        }
    }

    private void Put(string path, Node node)
    {
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
        if (!keepSelf && path.Length > 0 && !keep.Contains(path))
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

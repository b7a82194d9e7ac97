using System.Formats.Tar;
using Cybernode.Build.Assembly.Sources;
using Cybernode.Oci.Layers;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Places a COPY or ADD on the image so far, as BuildKit's copy and extraction do: each entry's
/// folder is resolved inside the image's root (links followed, never above the root), a later
/// entry replaces an earlier one of this layer, and where an entry changes a path between folder
/// and non-folder the layer carries the whiteouts that make every engine unpack the same tree.
/// Hard links must name a file this layer already holds. The view is updated as it goes.
/// </summary>
public sealed class LayerResolver
{
    private readonly ImageFilesystem _view;
    private readonly long _modificationTime;
    private readonly List<Placed> _placed = [];
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);

    // Whether each touched path was a folder in the layers below, and which such folders this layer emptied.
    private readonly Dictionary<string, bool> _wasFolderBelow = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emptiedFolders = new(StringComparer.Ordinal);

    private LayerResolver(ImageFilesystem view, long modificationTime)
    {
        _view = view;
        _modificationTime = modificationTime;
    }

    public static async Task<LayerDraft> ResolveAsync(ImageFilesystem view, CopyDraft plan, long modificationTime, CancellationToken cancellationToken)
    {
        var resolver = new LayerResolver(view, modificationTime);
        foreach (var entry in plan.Entries)
        {
            resolver.Place(entry.Header, entry.ContentPath, null);
        }

        foreach (var (archive, number) in plan.Archives.Select((a, i) => (a, i)))
        {
            await resolver.PlaceArchiveAsync(archive, number, cancellationToken);
        }

        return resolver.Finish(plan.Archives);
    }

    private async Task PlaceArchiveAsync(ArchiveSource archive, int number, CancellationToken cancellationToken)
    {
        await using var input = LocalArchive.Open(archive.ArchivePath);
        await using var reader = new TarReader(input);
        var index = -1;
        while (await NextEntryAsync(reader, archive.ArchivePath, cancellationToken) is { } entry)
        {
            index++;
            if (LocalArchive.HeaderOf(entry, archive.Destination) is not { } header)
            {
                continue;
            }

            header = header with
            {
                Mode = header.Type == TarEntryType.Symlink ? header.Mode : archive.Mode ?? header.Mode,
                ModificationTimeSeconds = _modificationTime,
            };
            Place(header, null, (number, index, SourcePaths.FileName(archive.ArchivePath)));
        }
    }

    private static async Task<TarEntry?> NextEntryAsync(TarReader reader, string archivePath, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or SharpCompress.Common.ArchiveException)
        {
            throw new SourceResolutionException($"{SourcePaths.FileName(archivePath)} is a damaged archive: {e.Message}",
                "check the file (tar -tvf FILE lists it), or COPY it instead of ADD to take it as it is");
        }
    }

    private void Place(TarEntryHeader header, string? contentPath, (int Archive, int Index, string Name)? from)
    {
        var name = header.Name.Trim('/');
        var (parent, baseName) = SourcePaths.Split(name);
        var (resolvedParent, blocker) = _view.ResolvePath(parent, followLast: true);
        if (blocker is not null)
        {
            throw new SourceResolutionException($"cannot put '/{name}' in the image: '/{blocker}' is a file there, not a folder",
                "copy to a folder path, or remove the file first in an earlier stage");
        }

        var path = SourcePaths.Below(resolvedParent, baseName);
        if (path.Length == 0 || baseName.StartsWith(ImageFilesystem.WhiteoutPrefix, StringComparison.Ordinal))
        {
            // The root itself keeps its attributes; whiteout names are never content.
            return;
        }

        PlaceMissingFolders(resolvedParent);
        if (header.Type == TarEntryType.Hardlink)
        {
            header = header with { LinkTarget = LinkedFile(header, from) };
        }

        var isFolder = header.Type == TarEntryType.Directory;
        var existing = _view.Find(path);
        if (!_wasFolderBelow.ContainsKey(path) && !_added.Contains(path) && existing is not null)
        {
            _wasFolderBelow[path] = existing.Type == TarEntryType.Directory;
        }

        if (existing?.Type == TarEntryType.Directory && !isFolder)
        {
            Drop(path, includingSelf: true);
            if (_wasFolderBelow.GetValueOrDefault(path))
            {
                _emptiedFolders.Add(path);
            }
        }
        else if (_byPath.TryGetValue(path, out var earlier))
        {
            _placed[earlier] = _placed[earlier] with { Dropped = true };
        }

        var placed = header with { Name = isFolder ? path + "/" : path };
        _byPath[path] = _placed.Count;
        _placed.Add(new Placed(placed, contentPath, from?.Archive, from?.Index ?? -1, Dropped: false));
        _view.Apply(placed, null, _added);
    }

    /// <summary>Folders an entry needs that nothing made yet are made as an extraction makes them: 0755, owned by root.</summary>
    private void PlaceMissingFolders(string folder)
    {
        var path = "";
        foreach (var part in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = SourcePaths.Below(path, part);
            if (_view.Find(path) is null)
            {
                Place(new TarEntryHeader(path + "/", TarEntryType.Directory, 493, 0, 0, _modificationTime), null, null);
            }
        }
    }

    /// <summary>A hard link's target, resolved like any path; it must be a file put down earlier by this layer.</summary>
    private string LinkedFile(TarEntryHeader header, (int Archive, int Index, string Name)? from)
    {
        var (parent, baseName) = SourcePaths.Split(header.LinkTarget ?? "");
        var (resolvedParent, blocker) = _view.ResolvePath(parent, followLast: true);
        var resolved = SourcePaths.Below(resolvedParent, baseName);
        if (blocker is null && _byPath.TryGetValue(resolved, out var at) && !_placed[at].Dropped && _placed[at].Header.Type == TarEntryType.File)
        {
            return resolved;
        }

        throw new SourceResolutionException(
            $"{from?.Name ?? "the source"} holds a hard link '{header.Name}' to '{header.LinkTarget}', which is not a file earlier in the same archive",
            "a hard link in an ADDed archive must point to a regular file stored before it in that archive; repack it with tar --hard-dereference");
    }

    private void Drop(string folder, bool includingSelf)
    {
        var prefix = folder + "/";
        foreach (var (path, at) in _byPath)
        {
            if ((includingSelf && path == folder) || path.StartsWith(prefix, StringComparison.Ordinal))
            {
                _placed[at] = _placed[at] with { Dropped = true };
            }
        }
    }

    private LayerDraft Finish(IReadOnlyList<ArchiveSource> archives)
    {
        var whiteouts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, wasFolder) in _wasFolderBelow)
        {
            if (!_byPath.TryGetValue(path, out var at) || _placed[at].Dropped)
            {
                continue;
            }

            var isFolder = _placed[at].Header.Type == TarEntryType.Directory;
            if (wasFolder != isFolder)
            {
                whiteouts.Add(WhiteoutName(path));
            }
            else if (isFolder && _emptiedFolders.Contains(path))
            {
                whiteouts.Add(path + "/" + ImageFilesystem.OpaqueWhiteout);
            }
        }

        var entries = whiteouts
            .Select(w => new DraftEntry(new TarEntryHeader(w, TarEntryType.File, 0, 0, 0, _modificationTime), null))
            .Concat(_placed.Where(p => !p.Dropped && p.Archive is null).Select(p => new DraftEntry(p.Header, p.ContentPath)))
            .ToList();
        var planned = archives
            .Select((archive, number) => new DraftArchive(
                archive.ArchivePath,
                [.. _placed.Where(p => !p.Dropped && p.Archive == number).Select(p => new ArchivePick(p.Index, p.Header))]))
            .ToList();
        return new LayerDraft(entries, planned);
    }

    private static string WhiteoutName(string path)
    {
        var (parent, baseName) = SourcePaths.Split(path);
        return SourcePaths.Below(parent, ImageFilesystem.WhiteoutPrefix + baseName);
    }

    private sealed record Placed(TarEntryHeader Header, string? ContentPath, int? Archive, int Index, bool Dropped);
}

using Cybernode.Build.Assembly.Sources;
using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Turns one COPY or ADD into the entries of its layer, following Docker's rules: a folder source
/// copies its contents, several sources need a folder destination (ending in '/'), glob matches go
/// into a folder unless there is just one, a destination that is a folder in the image so far is
/// copied into, and ADD unpacks a local tar archive. The destination is resolved inside the image,
/// links followed; folders it creates get 0755 (or --chown's owner), folders that exist keep their
/// own attributes. Files it takes that are hard links of each other stay hard-linked.
/// </summary>
public static class CopyDrafter
{
    private const int FolderMode = 493; // 0755

    public sealed record CopyRequest(
        ImageFilesystem Image,
        ISourceTree Tree,
        IReadOnlyList<string> Sources,
        string Destination,
        bool IsAdd,
        int? Uid,
        int? Gid,
        int? Mode,
        long ModificationTime);

    public static CopyDraft Plan(CopyRequest request)
    {
        var items = new List<SourceItem>();
        foreach (var source in request.Sources)
        {
            items.AddRange(ResolveSource(request.Tree, source));
        }

        var (resolved, blocker) = request.Image.ResolvePath(SourcePaths.CleanAbsolute(request.Destination), followLast: true);
        if (blocker is not null)
        {
            throw new SourceResolutionException($"the destination '{request.Destination}' lies below '/{blocker}', which is a file in the image, not a folder",
                "copy to a folder path");
        }

        var destination = "/" + resolved;
        // A glob that matched one path copies it as a file, as docker, BuildKit and buildah all do.
        var destinationIsFolder = request.Destination.EndsWith('/') || request.Sources.Count > 1 || items.Count > 1 ||
            request.Image.Find(resolved)?.Type == TarEntryType.Directory;
        if ((destinationIsFolder || items.Any(i => i.Type == TarEntryType.Directory)) && request.Image.Find(resolved) is { Type: not TarEntryType.Directory })
        {
            // Every engine refuses this (mkdir: not a directory) rather than replace the file.
            throw new SourceResolutionException($"the destination '{request.Destination}' is a file in the image, not a folder",
                "copy to another path, or to the file's own name without '/' to replace it");
        }

        if (request.Sources.Count > 1 && !request.Destination.EndsWith('/'))
        {
            // Docker's documented rule; the engines that do not check it disagree on the result
            // (BuildKit 0.8 leaves the last source as a file, buildah makes a folder).
            throw new SourceResolutionException($"with more than one source, the destination '{request.Destination}' must be a folder ending in '/'",
                $"write {request.Destination}/");
        }

        var entries = new SortedDictionary<string, DraftEntry>(StringComparer.Ordinal);
        var sourceOfEntry = new Dictionary<string, int>(StringComparer.Ordinal);
        var archives = new List<ArchiveSource>();
        foreach (var (item, source) in items.Select((item, index) => (item, index)))
        {
            if (item.Type == TarEntryType.Directory)
            {
                AddParents(entries, destination, includeSelf: true, request);
                foreach (var descendant in request.Tree.Descendants(item))
                {
                    var relative = descendant.RelativePath[(item.RelativePath.Length == 0 ? 0 : item.RelativePath.Length + 1)..];
                    sourceOfEntry[Add(entries, SourcePaths.Combine(destination, relative), descendant, request)] = source;
                }

                continue;
            }

            var target = destinationIsFolder ? SourcePaths.Combine(destination, SourcePaths.FileName(item.RelativePath)) : destination;
            if (request.IsAdd && item.Type == TarEntryType.File && LocalArchive.IsArchive(item.FullPath))
            {
                AddParents(entries, destination, includeSelf: true, request);
                archives.Add(new ArchiveSource(item.FullPath, destination, request.Mode));
                continue;
            }

            AddParents(entries, ParentOf(target), includeSelf: true, request);
            sourceOfEntry[Add(entries, target, item, request)] = source;
        }

        return new CopyDraft(HardLinkJoiner.Join(entries.Values, entry => sourceOfEntry.GetValueOrDefault(entry.Header.Name, -1)), archives);
    }

    public static int ParseMode(string text) =>
        text.Length is > 0 and <= 4 && text.All(c => c is >= '0' and <= '7')
            ? Convert.ToInt32(text, 8)
            : throw new SourceResolutionException($"--chmod={text} is not an octal mode", "use an octal mode such as --chmod=755 or --chmod=0644");

    private static IReadOnlyList<SourceItem> ResolveSource(ISourceTree tree, string source)
    {
        try
        {
            return tree.Resolve(source);
        }
        catch (Dockerfile.Ignore.InvalidPatternException e)
        {
            throw new SourceResolutionException($"source '{source}' is not a valid pattern: {e.Reason}", "close every '[' of a pattern, or escape a literal one as '\\['");
        }
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static void AddParents(SortedDictionary<string, DraftEntry> entries, string folder, bool includeSelf, CopyRequest request)
    {
        var parts = folder.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var count = includeSelf ? parts.Length : parts.Length - 1;
        for (var i = 1; i <= count; i++)
        {
            var name = string.Join('/', parts.Take(i)) + "/";
            if (!entries.ContainsKey(name))
            {
                var existing = request.Image.Find(name);
                var header = existing?.Type == TarEntryType.Directory
                    ? new TarEntryHeader(name, TarEntryType.Directory, existing.Mode, existing.Uid, existing.Gid, request.ModificationTime)
                    : new TarEntryHeader(name, TarEntryType.Directory, FolderMode, request.Uid ?? 0, request.Gid ?? 0, request.ModificationTime);
                entries[name] = new DraftEntry(header, null);
            }
        }
    }

    /// <summary>Adds the entry for one source item at <paramref name="imagePath"/>, and returns its entry name.</summary>
    private static string Add(SortedDictionary<string, DraftEntry> entries, string imagePath, SourceItem item, CopyRequest request)
    {
        var name = imagePath.TrimStart('/');
        if (item.Type == TarEntryType.Directory)
        {
            name += "/";
        }

        var mode = request.Mode ?? item.Mode;
        var header = new TarEntryHeader(
            name,
            item.Type,
            item.Type == TarEntryType.Symlink ? item.Mode : mode,
            request.Uid ?? item.Uid,
            request.Gid ?? item.Gid,
            request.ModificationTime,
            item.Type == TarEntryType.File ? item.Size : 0,
            item.LinkTarget);
        entries[name] = new DraftEntry(header, item.Type == TarEntryType.File ? item.FullPath : null);
        return name;
    }
}

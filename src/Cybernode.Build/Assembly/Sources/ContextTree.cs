using Cybernode.Dockerfile.Ignore;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly.Sources;

/// <summary>
/// The build context: a host folder filtered by .dockerignore. Files enter images owned by 0:0
/// with their permission bits; nothing may be taken from outside the folder.
/// </summary>
public sealed class ContextTree : ISourceTree
{
    private readonly string _root;
    private readonly DockerIgnore _ignore;

    public ContextTree(string root)
    {
        // Compared against resolved paths, so the root is resolved too (a workspace may sit below a link).
        _root = RealPath(Path.GetFullPath(root));
        _ignore = IgnoreFileReader.Read(_root, IsInside);
    }

    public string Description => "the build context";

    /// <summary>The context's .dockerignore rules, cleaned, in file order.</summary>
    public IReadOnlyList<string> IgnorePatterns => _ignore.Patterns;

    public IReadOnlyList<SourceItem> Resolve(string source)
    {
        if (source.StartsWith('/'))
        {
            throw new SourceResolutionException($"source '{source}' is an absolute path, outside the build context",
                "write sources relative to the service folder (the build context), e.g. bin/app");
        }

        var relative = SourcePaths.CleanRelative(source)
            ?? throw new SourceResolutionException($"source '{source}' is outside the build context",
                "a build can only take files from the service folder; move the file into it");
        if (!GoPathMatch.HasMeta(relative))
        {
            var item = Describe(relative, followLink: true)
                ?? throw new SourceResolutionException($"source '{source}' does not exist in the build context{IgnoredNote(relative)}",
                    $"check the name; the build context is {_root}");
            return [item];
        }

        var matches = Glob(relative);
        if (matches.Count == 0)
        {
            throw new SourceResolutionException($"no file in the build context matches '{source}'",
                $"check the pattern, and that the build step produced the files (the build context is {_root})");
        }

        return matches;
    }

    public IEnumerable<SourceItem> Descendants(SourceItem folder)
    {
        var children = Directory.EnumerateFileSystemEntries(folder.FullPath)
            .Select(full => folder.RelativePath.Length == 0 ? Path.GetFileName(full) : $"{folder.RelativePath}/{Path.GetFileName(full)}")
            .Order(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (!_ignore.IsExcluded(child))
            {
                var item = Describe(child, followLink: false);
                if (item is null)
                {
                    continue;
                }

                yield return item;
                if (item.Type == TarEntryType.Directory)
                {
                    foreach (var descendant in Descendants(item))
                    {
                        yield return descendant;
                    }
                }
            }
            else if (RegularFile.KindOf(Path.Combine(_root, child), followLinks: false) == FileKind.Directory && _ignore.MayHaveIncludedDescendants(child))
            {
                // An excluded folder still holds what an exception re-includes, and comes along as
                // their parent, as BuildKit's walker sends it.
                var excludedFolder = FolderItem(child);
                var included = Descendants(excludedFolder).ToList();
                if (included.Count > 0)
                {
                    yield return excludedFolder;
                    foreach (var descendant in included)
                    {
                        yield return descendant;
                    }
                }
            }
        }
    }

    private List<SourceItem> Glob(string pattern)
    {
        // Only the part before the first wildcard needs walking, and no deeper than the pattern.
        var segments = pattern.Split('/');
        var fixedCount = segments.TakeWhile(s => !GoPathMatch.HasMeta(s)).Count();
        var start = string.Join('/', segments.Take(fixedCount));
        var startFull = Path.Combine(_root, start);
        if (!Directory.Exists(startFull))
        {
            return [];
        }

        var matches = new List<SourceItem>();
        var depth = segments.Length;
        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var folderDepth = folder.Length == 0 ? 0 : folder.Count(c => c == '/') + 1;
            foreach (var full in Directory.EnumerateFileSystemEntries(Path.Combine(_root, folder)))
            {
                var relative = folder.Length == 0 ? Path.GetFileName(full) : $"{folder}/{Path.GetFileName(full)}";
                if (folderDepth + 1 == depth)
                {
                    if (GoPathMatch.Match(pattern, relative) && !_ignore.IsExcluded(relative) && Describe(relative, followLink: true) is { } item)
                    {
                        matches.Add(item);
                    }
                }
                else if (Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is null)
                {
                    pending.Push(relative);
                }
            }
        }

        return matches.OrderBy(m => m.RelativePath, StringComparer.Ordinal).ToList();
    }

    private string IgnoredNote(string relative) =>
        _ignore.IsExcluded(relative) ? $" (it is excluded by {IgnoreFileReader.FileName})" : "";

    private SourceItem? Describe(string relative, bool followLink)
    {
        var full = Path.Combine(_root, relative);
        FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        if (!info.Exists && info.LinkTarget is null)
        {
            return null;
        }

        if (relative.Length > 0 && _ignore.IsExcluded(relative))
        {
            return null;
        }

        // The context root's own parent may be anything; only links inside the context matter.
        if (followLink && relative.Length > 0 && !IsInside(RealPath(Path.GetDirectoryName(full)!)))
        {
            throw new SourceResolutionException($"source '{relative}' lies below a symbolic link that leads outside the build context",
                "copy the files themselves into the service folder instead of linking to them");
        }

        if (info.LinkTarget is not null)
        {
            if (!followLink)
            {
                return new SourceItem(relative, full, TarEntryType.Symlink, 511, 0, 0, 0, info.LinkTarget);
            }

            var resolved = info.ResolveLinkTarget(returnFinalTarget: true);
            var target = resolved?.FullName;
            if (target is null || !IsInside(target))
            {
                throw new SourceResolutionException($"source '{relative}' is a symbolic link to {info.LinkTarget}, outside the build context",
                    "copy the file itself into the service folder instead of linking to it");
            }

            info = resolved!;
            if (!info.Exists)
            {
                return null;
            }
        }

        if (info is FileInfo && RegularFile.KindOf(info.FullName, followLinks: false) != FileKind.Regular)
        {
            throw new SourceResolutionException($"'{relative}' in the build context is a FIFO, socket or device, which an image cannot take from a build context",
                "remove it from the service folder or exclude it in .dockerignore");
        }

        var mode = (int)File.GetUnixFileMode(info.FullName);
        return info is DirectoryInfo
            ? new SourceItem(relative, info.FullName, TarEntryType.Directory, mode, 0, 0, 0, null)
            : new SourceItem(relative, info.FullName, TarEntryType.File, mode, 0, 0, ((FileInfo)info).Length, null);
    }

    private SourceItem FolderItem(string relative)
    {
        var full = Path.Combine(_root, relative);
        return new SourceItem(relative, full, TarEntryType.Directory, (int)File.GetUnixFileMode(full), 0, 0, 0, null);
    }

    /// <summary>The path with every symbolic link on the way resolved, as the kernel would walk it.</summary>
    private static string RealPath(string path)
    {
        var current = "/";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
            }
        }

        return current;
    }

    private bool IsInside(string path)
    {
        var full = Path.GetFullPath(path);
        return full == _root || full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}

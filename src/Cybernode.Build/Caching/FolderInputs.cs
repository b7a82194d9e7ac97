using Cybernode.Build.Assembly.Sources;
using Cybernode.Dockerfile.Ignore;
using Cybernode.Oci.FileSystem;

namespace Cybernode.Build.Caching;

/// <summary>
/// What a service folder holds, as its build stage sees it: every file, folder and link that
/// .dockerignore lets through, except the output folder the stage writes. A file is described by
/// its mode and digest (from the <see cref="StatCache"/>), a link by its target, never followed.
/// </summary>
public static class FolderInputs
{
    public static async Task<SortedDictionary<string, string>> ReadAsync(string folder, string skipped, StatCache stats, CancellationToken cancellationToken)
    {
        // ContextTree reads .dockerignore as carefully as a build does (links, size, bad patterns).
        var ignore = DockerIgnore.Parse(string.Join('\n', new ContextTree(folder).IgnorePatterns));
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await WalkAsync(folder, "", ignore, skipped, stats, files, cancellationToken);
        return files;
    }

    private static async Task WalkAsync(
        string root, string relativeFolder, DockerIgnore ignore, string skipped, StatCache stats, SortedDictionary<string, string> files, CancellationToken cancellationToken)
    {
        foreach (var full in Directory.EnumerateFileSystemEntries(Path.Combine(root, relativeFolder)).Order(StringComparer.Ordinal))
        {
            var relative = relativeFolder.Length == 0 ? Path.GetFileName(full) : $"{relativeFolder}/{Path.GetFileName(full)}";
            if (relative == skipped)
            {
                continue;
            }

            var stamp = RegularFile.StampOf(full);
            var excluded = ignore.IsExcluded(relative);
            if (!excluded)
            {
                files[relative] = await DescribeAsync(full, stamp, stats, cancellationToken);
            }

            // An excluded folder is still walked when an exception may re-include something in it.
            if (stamp.Kind == FileKind.Directory && (!excluded || ignore.MayHaveIncludedDescendants(relative)))
            {
                await WalkAsync(root, relative, ignore, skipped, stats, files, cancellationToken);
            }
        }
    }

    private static async Task<string> DescribeAsync(string path, FileStamp stamp, StatCache stats, CancellationToken cancellationToken) => stamp.Kind switch
    {
        FileKind.Regular => $"file {Octal(stamp.Mode)} {(await stats.DigestAsync(path, stamp, cancellationToken)).Hex}",
        FileKind.Directory => $"folder {Octal(stamp.Mode)}",
        FileKind.SymbolicLink => $"link {new FileInfo(path).LinkTarget}",

        // Never read: a FIFO would block, a device never ends. Only that it is there counts.
        _ => RegularFile.Describe(stamp.Kind),
    };

    public static string Octal(int mode) => Convert.ToString(mode, 8).PadLeft(4, '0');
}

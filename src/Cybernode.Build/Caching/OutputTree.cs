using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Caching;

/// <summary>
/// A step's output folder as a list of entries, parents before children in ordinal order: files
/// by digest, folders, symbolic links (never followed), each with its permission bits and mtime.
/// A FIFO, socket or device cannot be stored or restored faithfully, so it is refused.
/// </summary>
public static class OutputTree
{
    /// <param name="fileDigest">Gives a regular file's digest (and may store its content meanwhile).</param>
    public static async Task<IReadOnlyList<TreeEntry>> ReadAsync(string folder, Func<string, FileStamp, Task<Digest>> fileDigest, CancellationToken cancellationToken)
    {
        var entries = new List<TreeEntry>();
        if (Directory.Exists(folder))
        {
            await WalkAsync(folder, "", fileDigest, entries, cancellationToken);
        }

        return entries;
    }

    private static async Task WalkAsync(string root, string relativeFolder, Func<string, FileStamp, Task<Digest>> fileDigest, List<TreeEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var full in Directory.EnumerateFileSystemEntries(Path.Combine(root, relativeFolder)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = relativeFolder.Length == 0 ? Path.GetFileName(full) : $"{relativeFolder}/{Path.GetFileName(full)}";
            var stamp = RegularFile.StampOf(full);
            var modified = stamp.ModifiedNanoseconds / 100;
            switch (stamp.Kind)
            {
                case FileKind.Regular:
                    entries.Add(new TreeEntry(relative, TreeEntry.FileType, stamp.Mode, modified) { Size = stamp.Size, Digest = await fileDigest(full, stamp) });
                    break;
                case FileKind.Directory:
                    entries.Add(new TreeEntry(relative, TreeEntry.FolderType, stamp.Mode, modified));
                    await WalkAsync(root, relative, fileDigest, entries, cancellationToken);
                    break;
                case FileKind.SymbolicLink:
                    // A link's own mtime cannot be set back without lutimes: it is not kept.
                    entries.Add(new TreeEntry(relative, TreeEntry.LinkType, 0, 0) { Target = new FileInfo(full).LinkTarget });
                    break;
                case FileKind.Missing:
                    // Removed while walking: whoever removed it is still writing the folder, and what is kept is what remains.
                    break;
                default:
                    throw new UserError(
                        $"{relative} is {RegularFile.Describe(stamp.Kind)}: a build's output can hold only files, folders and symbolic links",
                        full,
                        hint: "the build stage should leave only the binaries and their data in bin/; remove it there");
            }
        }
    }
}

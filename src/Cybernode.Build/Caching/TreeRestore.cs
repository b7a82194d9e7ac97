using Cybernode.Build.HostBuild;
using Cybernode.Oci;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Caching;

/// <summary>
/// Puts a stored output tree back: the folder is emptied, then filled exactly as the step left
/// it. Every path is checked first (relative, no "..", its parent a folder of the tree), so a
/// tampered record can never write outside the folder or through a link; every file is checked
/// against its digest as it is written.
/// </summary>
public static class TreeRestore
{
    public static async Task RestoreAsync(IBlobStore store, IReadOnlyList<TreeEntry> tree, string folder, CancellationToken cancellationToken)
    {
        Check(tree);
        OutputFolder.Empty(folder);
        foreach (var entry in tree)
        {
            var path = Path.Combine(folder, entry.Path);
            switch (entry.Type)
            {
                case TreeEntry.FolderType:
                    Directory.CreateDirectory(path);
                    break;
                case TreeEntry.LinkType:
                    File.CreateSymbolicLink(path, entry.Target!);
                    break;
                default:
                    await WriteFileAsync(store, entry, path, cancellationToken);
                    break;
            }
        }

        // Folders last, children first: a folder without write permission must not stop its own filling,
        // and writing into a folder moves its mtime.
        foreach (var entry in tree.Where(e => e.Type == TreeEntry.FolderType).Reverse())
        {
            var path = Path.Combine(folder, entry.Path);
            File.SetUnixFileMode(path, (UnixFileMode)entry.Mode);
            Directory.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddTicks(entry.Modified));
        }
    }

    private static async Task WriteFileAsync(IBlobStore store, TreeEntry entry, string path, CancellationToken cancellationToken)
    {
        await using (var source = new DigestingReadStream(await store.OpenReadAsync(entry.Digest!, cancellationToken)))
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await source.CopyToAsync(target, 1 << 20, cancellationToken);
            if (source.Digest != entry.Digest || source.BytesRead != entry.Size)
            {
                throw new OciFormatException($"the stored content of bin/{entry.Path} is damaged: expected {entry.Digest}, got {source.Digest}");
            }
        }

        File.SetUnixFileMode(path, (UnixFileMode)entry.Mode);
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddTicks(entry.Modified));
    }

    private static void Check(IReadOnlyList<TreeEntry> tree)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { "" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in tree)
        {
            var parts = entry.Path.Split('/');
            var parent = string.Join('/', parts[..^1]);
            var valid = parts.All(p => p.Length > 0 && p != "." && p != ".." && !p.Contains('\0', StringComparison.Ordinal))
                && folders.Contains(parent) && seen.Add(entry.Path)
                && entry.Type switch
                {
                    TreeEntry.FileType => entry.Digest is not null && entry.Size >= 0,
                    TreeEntry.LinkType => !string.IsNullOrEmpty(entry.Target),
                    TreeEntry.FolderType => true,
                    _ => false,
                }
                && (entry.Mode & ~0xFFF) == 0;
            if (!valid)
            {
                throw new OciFormatException($"a stored output tree has an entry that cannot be restored: '{ReadableText.SingleLine(entry.Path)}' ({entry.Type})");
            }

            if (entry.Type == TreeEntry.FolderType)
            {
                folders.Add(entry.Path);
            }
        }
    }
}

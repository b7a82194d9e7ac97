using Cybernode.Oci.FileSystem;

namespace Cybernode.Oci.Store;

/// <summary>
/// The temporary files cybernode writes before a rename makes them visible. Each is created with an
/// exclusive flock its writer holds until the rename (which keeps the lock on the renamed file) or
/// its deletion, so a lock that can be taken means the writer is gone: the file is stale.
/// </summary>
public static class TempFiles
{
    /// <summary>Hidden, and named so no OCI tool mistakes one for content.</summary>
    public const string Prefix = ".cybernode-tmp-";

    public static bool IsTempName(string fileName) => fileName.StartsWith(Prefix, StringComparison.Ordinal);

    public static string NewPath(string folder) => Path.Combine(folder, Prefix + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Creates the file and holds its lock (.NET takes flock LOCK_EX for FileShare.None). Unbuffered,
    /// so a full disk shows in the write that hit it, never later in a dispose.
    /// </summary>
    public static FileStream Create(string path) =>
        new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.None);

    /// <summary>Writes the file's data to disk; a full disk is named by <paramref name="shownPath"/>.</summary>
    public static void Sync(FileStream file, string shownPath)
    {
        try
        {
            file.Flush(flushToDisk: true);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(shownPath, e);
        }
    }

    /// <summary>Deletes a temp file if it is still there; used on every failure path.</summary>
    public static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next sweep: a failure to clean up must not hide the failure being reported.
        }
    }

    /// <summary>
    /// Removes the temp files in <paramref name="folder"/> no live process holds, last written before
    /// <paramref name="writtenBefore"/>. The time keeps a file that a writer created a moment ago and
    /// has not locked yet (open and flock are two calls) out of reach: it is always newer.
    /// </summary>
    public static IReadOnlyList<StoreFile> RemoveStale(string folder, DateTime writtenBefore, bool dryRun = false)
    {
        var removed = new List<StoreFile>();
        foreach (var path in Find(folder))
        {
            var info = new FileInfo(path);
            if (RegularFile.KindOf(path, followLinks: false) != FileKind.Regular || info.LastWriteTimeUtc >= writtenBefore)
            {
                continue;
            }

            using var held = FileLock.TryAcquire(path, exclusive: true);
            if (held is null)
            {
                continue;
            }

            if (!dryRun)
            {
                File.Delete(path);
            }

            removed.Add(new StoreFile(path, info.Length));
        }

        return removed;
    }

    /// <summary>Whether a live writer holds the temp file at <paramref name="path"/>.</summary>
    public static bool IsHeld(string path)
    {
        using var held = FileLock.TryAcquire(path, exclusive: true);
        return held is null;
    }

    public static IEnumerable<string> Find(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFileSystemEntries(folder, Prefix + "*").Order(StringComparer.Ordinal)
            : [];
}

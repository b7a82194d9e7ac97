using Cybernode.Build.Locking;

namespace Cybernode.Build.Bases;

/// <summary>
/// cybernode.lock at a workspace's root, read and changed as a whole. Changes are made under a
/// flock, on the file as it is then (so two builds at once both keep what they resolved), and land
/// by rename, so a reader sees the old file or the new one, never a torn one; an unchanged lock is
/// not written at all.
/// </summary>
public static class BaseLockFile
{
    // A line is about 150 bytes: this holds thousands of bases and refuses a stray huge file.
    private const long MaxBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static string PathIn(string workspaceRoot) => Path.Combine(workspaceRoot, BaseLock.FileName);

    /// <summary>The workspace's lock, empty when it has none.</summary>
    public static BaseLock Read(string workspaceRoot)
    {
        var path = PathIn(workspaceRoot);
        return File.Exists(path) || Directory.Exists(path)
            ? BaseLock.Parse(UserFile.ReadText(path, MaxBytes, "cybernode.lock is written by cybernode build and cybernode update"), path)
            : BaseLock.Empty;
    }

    /// <summary>Applies <paramref name="change"/> to the lock as it is now and writes the result if it differs; returns it.</summary>
    public static async Task<BaseLock> UpdateAsync(string workspaceRoot, Func<BaseLock, BaseLock> change, CancellationToken cancellationToken)
    {
        using var held = await AcquireAsync(workspaceRoot, cancellationToken);
        var path = PathIn(workspaceRoot);
        var current = Read(workspaceRoot);
        var changed = change(current);
        var text = changed.Format();
        if (text != current.Format())
        {
            await WriteAsync(path, text, cancellationToken);
        }

        return changed;
    }

    private static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new UserError($"cannot be written: {e.Message}", path, hint: "check the workspace folder's permissions and free space", inner: e);
        }
    }

    private static async Task<LockFile> AcquireAsync(string workspaceRoot, CancellationToken cancellationToken)
    {
        var path = Path.Combine(ServiceLock.FolderOf(workspaceRoot), "base-lock.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            if (LockFile.TryAcquire(path) is { } held)
            {
                return held;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

using Microsoft.Win32.SafeHandles;

namespace Cybernode.Oci.FileSystem;

/// <summary>
/// An flock held on a file or folder until disposed (or the process dies: the kernel drops it, so
/// a kill -9 never leaves a lock behind). Shared locks coexist; an exclusive one excludes all others.
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>The lock when it is free now, else null.</summary>
    public static FileLock? TryAcquire(string path, bool exclusive)
    {
        var handle = NativeFiles.OpenNonBlocking(path);
        try
        {
            if (NativeFiles.TryLock(handle, exclusive, path))
            {
                return new FileLock(handle);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        handle.Dispose();
        return null;
    }

    /// <summary>Waits for the lock; <paramref name="waiting"/> is called once when it is not free at first.</summary>
    public static async Task<FileLock> AcquireAsync(string path, bool exclusive, Action? waiting, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            if (TryAcquire(path, exclusive) is { } acquired)
            {
                return acquired;
            }

            if (!told)
            {
                waiting?.Invoke();
                told = true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public void Dispose() => _handle.Dispose();
}

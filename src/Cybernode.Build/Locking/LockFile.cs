using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Cybernode.Build.Locking;

/// <summary>
/// A file held under an exclusive flock(2) for as long as this object lives; the kernel drops the
/// lock when the holder dies, however it dies. Opened close-on-exec, so no child (a build script
/// and what it leaves running) inherits the lock and keeps it after cybernode is gone. .NET's own
/// FileStream locking is not used: it takes a shared flock on every open, which would make a
/// reader fail while a build holds the file.
/// </summary>
internal sealed partial class LockFile : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int ReadOnly = 0x0;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int Exclusive = 2;
    private const int NonBlocking = 4;
    private const int WouldBlock = 11;

    private readonly SafeFileHandle _handle;

    private LockFile(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The lock, or null while another process holds it.</summary>
    /// <exception cref="IOException">the file cannot be created or opened.</exception>
    public static LockFile? TryAcquire(string path)
    {
        var handle = OpenHandle(path, ReadWrite | Create);
        if (Flock(handle, Exclusive | NonBlocking) == 0)
        {
            return new LockFile(handle, path);
        }

        var error = Marshal.GetLastPInvokeError();
        handle.Dispose();
        return error == WouldBlock ? null : throw new IOException($"{path}: cannot lock: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    /// <summary>What a lock file holds, read without taking the lock; empty when it cannot be read.</summary>
    public static string Peek(string path)
    {
        try
        {
            using var handle = OpenHandle(path, ReadOnly);
            return ReadAll(handle);
        }
        catch (IOException)
        {
            return "";
        }
    }

    public string Read() => ReadAll(_handle);

    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        RandomAccess.SetLength(_handle, 0);
        RandomAccess.Write(_handle, bytes, 0);
    }

    public void Dispose() => _handle.Dispose();

    private static SafeFileHandle OpenHandle(string path, int flags)
    {
        var descriptor = Open(path, flags | CloseOnExec, 0b110_100_100);
        return descriptor >= 0
            ? new SafeFileHandle(descriptor, ownsHandle: true)
            : throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    // A record is a few dozen bytes; anything longer is not one of ours.
    private static string ReadAll(SafeFileHandle handle)
    {
        var buffer = new byte[4096];
        var length = RandomAccess.Read(handle, buffer, 0);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle handle, int operation);
}

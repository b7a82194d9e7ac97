using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cybernode.Oci.FileSystem;

/// <summary>
/// The few Linux calls .NET does not offer: the type of a file without opening it, an open that
/// never waits for a FIFO's writer, and flock on a folder. statx is used because its layout is the
/// same on every architecture, unlike struct stat.
/// </summary>
internal static unsafe partial class NativeFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxLinkCount = 0x4;
    private const uint StatxInode = 0x100;
    private const uint StatxSize = 0x200;
    private const uint StatxMode = 0x2;
    private const uint StatxChangeTime = 0x80;
    private const uint StatxModifyTime = 0x40;
    private const int StatxBufferSize = 256;
    private const int StatxLinkCountOffset = 16;
    private const int StatxModeOffset = 28;
    private const int StatxInodeOffset = 32;
    private const int StatxSizeOffset = 40;
    private const int StatxChangeTimeOffset = 96;
    private const int StatxModifyTimeOffset = 112;
    private const int StatxDeviceMajorOffset = 136;
    private const int StatxDeviceMinorOffset = 140;
    private const int OpenReadOnly = 0;
    private const int OpenNonBlockingFlag = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;
    private const int TooManyLinks = 40;
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11;
    private const int Interrupted = 4;

    /// <summary>The kind and size of what <paramref name="path"/> names; <see cref="FileKind.Missing"/> when nothing does.</summary>
    public static (FileKind Kind, long Size) Stat(string path, bool followLinks)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxSize, buffer) != 0)
        {
            return (KindOfFailure(Marshal.GetLastPInvokeError(), path), 0);
        }

        return (KindOf(*(ushort*)(buffer + StatxModeOffset)), *(long*)(buffer + StatxSizeOffset));
    }

    /// <summary>The stamp of what <paramref name="path"/> names, a final link not followed; <see cref="FileKind.Missing"/> when nothing does.</summary>
    public static FileStamp Stamp(string path)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxSize | StatxInode | StatxChangeTime | StatxModifyTime, buffer) != 0)
        {
            return new FileStamp(KindOfFailure(Marshal.GetLastPInvokeError(), path), 0, 0, 0, default, 0);
        }

        var mode = *(ushort*)(buffer + StatxModeOffset);
        return new FileStamp(
            KindOf(mode),
            *(long*)(buffer + StatxSizeOffset),
            Nanoseconds(buffer + StatxModifyTimeOffset),
            Nanoseconds(buffer + StatxChangeTimeOffset),
            new FileIdentity(*(uint*)(buffer + StatxDeviceMajorOffset), *(uint*)(buffer + StatxDeviceMinorOffset), *(ulong*)(buffer + StatxInodeOffset)),
            mode & 0xFFF);
    }

    /// <summary>The device and inode of a regular file with more than one name (a final link not followed); null for anything else.</summary>
    public static FileIdentity? SharedIdentity(string path)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxLinkCount | StatxInode, buffer) != 0)
        {
            KindOfFailure(Marshal.GetLastPInvokeError(), path);
            return null;
        }

        return KindOf(*(ushort*)(buffer + StatxModeOffset)) == FileKind.Regular && *(uint*)(buffer + StatxLinkCountOffset) > 1
            ? new FileIdentity(*(uint*)(buffer + StatxDeviceMajorOffset), *(uint*)(buffer + StatxDeviceMinorOffset), *(ulong*)(buffer + StatxInodeOffset))
            : null;
    }

    /// <summary>The kind and size of an open file.</summary>
    public static (FileKind Kind, long Size) Stat(SafeFileHandle handle, string path)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxType | StatxSize, buffer) != 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path, "cannot look at");
        }

        return (KindOf(*(ushort*)(buffer + StatxModeOffset)), *(long*)(buffer + StatxSizeOffset));
    }

    /// <summary>Opens for reading without blocking: a FIFO opens at once instead of waiting for a writer.</summary>
    public static SafeFileHandle OpenNonBlocking(string path)
    {
        int fd;
        do
        {
            fd = Open(path, OpenReadOnly | OpenNonBlockingFlag | OpenCloseOnExec);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == Interrupted);

        return fd < 0 ? throw Failure(Marshal.GetLastPInvokeError(), path, "cannot open") : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Takes an flock without waiting; false when another open file holds a conflicting one.</summary>
    public static bool TryLock(SafeFileHandle handle, bool exclusive, string path)
    {
        while (true)
        {
            if (Flock((int)handle.DangerousGetHandle(), (exclusive ? LockExclusive : LockShared) | LockNonBlocking) == 0)
            {
                return true;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == WouldBlock)
            {
                return false;
            }

            if (error != Interrupted)
            {
                throw Failure(error, path, "cannot lock");
            }
        }
    }

    // A statx_timestamp: 64-bit seconds, then 32-bit nanoseconds.
    private static long Nanoseconds(byte* timestamp) => (*(long*)timestamp * 1_000_000_000L) + *(uint*)(timestamp + 8);

    /// <summary>What a failed look at a path says about it; errors that say nothing about the path are thrown.</summary>
    private static FileKind KindOfFailure(int error, string path) => error switch
    {
        NoSuchFile or NotADirectory => FileKind.Missing,
        TooManyLinks => FileKind.LinkLoop,
        _ => throw Failure(error, path, "cannot look at"),
    };

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    private static IOException Failure(int errno, string path, string what) =>
        new($"{path}: {what} it: {Marshal.GetPInvokeErrorMessage(errno)}", errno);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}

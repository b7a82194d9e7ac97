using System.Runtime.InteropServices;

namespace Cybernode.Build.Assembly.Sources;

/// <summary>
/// Tells the kind of a host path without opening it: .NET reports FIFOs and device nodes as plain
/// files, and opening a FIFO to find out blocks forever. statx has the same layout on every
/// architecture, unlike stat.
/// </summary>
public static partial class HostFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxLinkCount = 0x4;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;
    private const int LinkCountOffset = 16;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;
    private const int TypeMask = 0xF000;
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int TooManyLinks = 40;

    /// <summary>The kind of <paramref name="path"/>; with <paramref name="followLinks"/> that of what its links lead to.</summary>
    public static HostFileKind KindOf(string path, bool followLinks)
    {
        var (buffer, error) = Look(path, followLinks, StatxType);
        if (buffer is null)
        {
            return error == TooManyLinks ? HostFileKind.Special : HostFileKind.Missing;
        }

        return KindIn(buffer);
    }

    /// <summary>
    /// The identity of a regular file that has other names (a link count above one), or null for
    /// anything else: only such files can be hard links of each other.
    /// </summary>
    public static HostFileIdentity? SharedIdentityOf(string path)
    {
        var (buffer, _) = Look(path, followLinks: false, StatxType | StatxLinkCount | StatxInode);
        if (buffer is null || KindIn(buffer) != HostFileKind.RegularFile || BitConverter.ToUInt32(buffer, LinkCountOffset) < 2)
        {
            return null;
        }

        return new HostFileIdentity(BitConverter.ToUInt32(buffer, DeviceMajorOffset), BitConverter.ToUInt32(buffer, DeviceMinorOffset), BitConverter.ToUInt64(buffer, InodeOffset));
    }

    /// <summary>The statx record of a path, or null and the error when there is nothing to look at.</summary>
    private static (byte[]? Buffer, int Error) Look(string path, bool followLinks, uint mask)
    {
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, mask, buffer) == 0)
        {
            return (buffer, 0);
        }

        var error = Marshal.GetLastPInvokeError();
        return error is NoEntry or NotDirectory or TooManyLinks
            ? (null, error)
            : throw new IOException($"cannot look at '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
    }

    private static HostFileKind KindIn(byte[] buffer) =>
        (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x8000 => HostFileKind.RegularFile,
            0x4000 => HostFileKind.Directory,
            0xA000 => HostFileKind.SymbolicLink,
            _ => HostFileKind.Special,
        };

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}

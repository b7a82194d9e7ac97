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
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int TooManyLinks = 40;

    /// <summary>The kind of <paramref name="path"/>; with <paramref name="followLinks"/> that of what its links lead to.</summary>
    public static HostFileKind KindOf(string path, bool followLinks)
    {
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error switch
            {
                NoEntry or NotDirectory => HostFileKind.Missing,
                TooManyLinks => HostFileKind.Special,
                _ => throw new IOException($"cannot look at '{path}': {Marshal.GetPInvokeErrorMessage(error)}"),
            };
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x8000 => HostFileKind.RegularFile,
            0x4000 => HostFileKind.Directory,
            0xA000 => HostFileKind.SymbolicLink,
            _ => HostFileKind.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}

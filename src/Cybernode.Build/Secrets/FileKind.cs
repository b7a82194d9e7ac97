using System.Runtime.InteropServices;

namespace Cybernode.Build.Secrets;

/// <summary>
/// What a path names, found without opening it (opening a FIFO blocks until a writer comes):
/// .NET reports a FIFO or a device as an ordinary file, so this asks the kernel with statx.
/// </summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    public enum Kind
    {
        Missing,
        Regular,
        Directory,
        Other,
    }

    /// <summary>The kind of what <paramref name="path"/> names after following links, and its size when it is a regular file.</summary>
    /// <exception cref="IOException">the kernel would not say (no permission on a folder on the way, a loop of links).</exception>
    public static (Kind Kind, long Size) Of(string path)
    {
        if (Statx(AtFdCwd, path, 0, StatxType | StatxSize, out var status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is NoSuchFile or NotADirectory
                ? (Kind.Missing, 0)
                : throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
        }

        return (status.Mode & TypeMask) switch
        {
            RegularType => (Kind.Regular, (long)status.Size),
            DirectoryType => (Kind.Directory, 0),
            _ => (Kind.Other, 0),
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>struct statx, the same on every architecture: only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }
}

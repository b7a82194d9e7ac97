using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Cybernode.Build;

/// <summary>
/// Reads a text file the user wrote (a Dockerfile, cybernode.yaml). Anything but a regular file of
/// bounded size is refused before it is read, so a FIFO never hangs the build, a link to /dev/zero
/// never fills the memory and a folder gives a line, not a trace.
/// </summary>
public static partial class UserFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>The file's text (UTF-8, or as its byte-order mark says); a UserError naming <paramref name="path"/> when it cannot be one.</summary>
    public static string ReadText(string path, long maxBytes, string hint)
    {
        if (Directory.Exists(path))
        {
            throw new UserError("is a folder, not a file", path, hint: hint);
        }

        if (FileKind(path) is { } kind)
        {
            throw new UserError($"is a {kind}, not a regular file", path, hint: hint);
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var bytes = ReadAtMost(file, maxBytes, path);
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot be read: {e.Message}", path, hint: hint, inner: e);
        }
    }

    // Reads one byte past the limit, so a file that grows while it is read, or a device that never
    // ends, is refused as too large instead of being read to the end.
    private static byte[] ReadAtMost(Stream file, long maxBytes, string path)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = file.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new UserError(string.Create(CultureInfo.InvariantCulture, $"is larger than {Size(maxBytes)}, more than such a file needs"), path,
                    hint: "check that this is the file you mean; cybernode does not read one this large");
            }
        }

        return buffer.ToArray();
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    /// <summary>What the path is (through links) when it is not a regular file; null for a regular file, or when it cannot be told.</summary>
    private static string? FileKind(string path)
    {
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            // Missing or unreadable: opening it says why.
            return null;
        }

        return (BitConverter.ToUInt16(buffer, StatxModeOffset) & FileTypeMask) switch
        {
            RegularFile => null,
            0x1000 => "FIFO (named pipe)",
            0x2000 => "character device",
            0x6000 => "block device",
            0xC000 => "socket",
            _ => "special file",
        };
    }

    // statx's buffer has the same layout on every architecture, unlike stat's.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}

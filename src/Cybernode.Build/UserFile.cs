using System.Globalization;
using System.Text;
using Cybernode.Oci.FileSystem;

namespace Cybernode.Build;

/// <summary>
/// Reads a text file the user wrote (a Dockerfile, cybernode.yaml). Anything but a regular file of
/// bounded size is refused before it is read, so a FIFO never hangs the build, a link to /dev/zero
/// never fills the memory and a folder gives a line, not a trace.
/// </summary>
public static class UserFile
{
    /// <summary>The file's text (UTF-8, or as its byte-order mark says); a UserError naming <paramref name="path"/> when it cannot be one.</summary>
    public static string ReadText(string path, long maxBytes, string hint)
    {
        if (Directory.Exists(path))
        {
            throw new UserError("is a folder, not a file", path, hint: hint);
        }

        if (SpecialKind(path) is { } kind)
        {
            throw new UserError($"is {RegularFile.Describe(kind)}, not a regular file", path, hint: hint);
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

    /// <summary>What the path is (through links) when it is neither a regular file nor missing; null otherwise, or when it cannot be told (opening it says why).</summary>
    private static FileKind? SpecialKind(string path)
    {
        try
        {
            var kind = RegularFile.KindOf(path, followLinks: true);
            return kind is FileKind.Regular or FileKind.Missing ? null : kind;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

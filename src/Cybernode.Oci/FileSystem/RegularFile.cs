namespace Cybernode.Oci.FileSystem;

/// <summary>
/// Reading a path that must be a regular file. Anything else (FIFO, device, socket, folder) is
/// refused before it is opened, and again on the open handle, so a FIFO never blocks the reader and
/// a link to /dev/zero is never read.
/// </summary>
public static class RegularFile
{
    /// <summary>The size of the regular file at <paramref name="path"/> (links followed), or null when nothing is there.</summary>
    public static long? LengthOf(string path)
    {
        var (kind, size) = NativeFiles.Stat(path, followLinks: true);
        if (kind == FileKind.Missing)
        {
            return null;
        }

        Require(path, kind);
        return size;
    }

    /// <summary>The kind, size, times, identity and mode of what <paramref name="path"/> names, a final link not followed.</summary>
    public static FileStamp StampOf(string path) => NativeFiles.Stamp(path);

    public static FileStream OpenRead(string path)
    {
        var kind = NativeFiles.Stat(path, followLinks: true).Kind;
        if (kind == FileKind.Missing)
        {
            throw new StorageException($"{path} does not exist", "check the path");
        }

        Require(path, kind);
        var handle = NativeFiles.OpenNonBlocking(path);
        try
        {
            Require(path, NativeFiles.Stat(handle, path).Kind);
            return new FileStream(handle, FileAccess.Read, 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads a small file whole, refusing it by its size before reading when it is larger than <paramref name="maxLength"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(string path, long maxLength, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(path);
        var length = stream.Length;
        if (length > maxLength)
        {
            throw new OciFormatException($"{path} is {length} bytes: more than the {maxLength} a JSON document may have");
        }

        // One byte more than the size shows a file that grew meanwhile without reading all of it.
        var buffer = new byte[length + 1];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == length
            ? buffer[..read]
            : throw new OciFormatException($"{path} changed size while it was read");
    }

    /// <summary>Refuses anything but a regular file with one line naming what it is.</summary>
    public static void Require(string path, FileKind kind)
    {
        if (kind != FileKind.Regular)
        {
            throw new StorageException($"{path} is {Describe(kind)}, not a regular file", "name a regular file");
        }
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.LinkLoop => "a loop of symbolic links",
        _ => "an unknown kind of file",
    };

    /// <summary>What <paramref name="path"/> is; with <paramref name="followLinks"/> what its links lead to.</summary>
    public static FileKind KindOf(string path, bool followLinks) => NativeFiles.Stat(path, followLinks).Kind;

    /// <summary>What <paramref name="path"/> is after following links, and its size when it is a regular file.</summary>
    public static (FileKind Kind, long Size) StatusOf(string path) => NativeFiles.Stat(path, followLinks: true);

    /// <summary>
    /// The identity of a regular file that has other names (a link count above one), or null for
    /// anything else: only such files can be hard links of each other. A final link is not followed.
    /// </summary>
    public static FileIdentity? SharedIdentityOf(string path) => NativeFiles.SharedIdentity(path);
}

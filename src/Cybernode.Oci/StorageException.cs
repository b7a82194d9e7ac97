namespace Cybernode.Oci;

/// <summary>
/// A file the store or a transport needs cannot be used: it is the wrong kind of file, or the disk
/// is full. The message names the path; the hint says what to do.
/// </summary>
public sealed class StorageException(string message, string hint, Exception? inner = null) : IOException(message, inner)
{
    private const int NoSpaceErrno = 28;
    private const int QuotaErrno = 122;

    public string Hint { get; } = hint;

    /// <summary>The one message a full disk (or quota) gives, naming the file being written.</summary>
    public static bool IsDiskFull(IOException error) => error.HResult is NoSpaceErrno or QuotaErrno;

    public static StorageException DiskFull(string path, IOException error) => new(
        $"{path}: no space left on device",
        "free space on that file system (cybernode store gc removes unreferenced blobs), or write to a disk with room (--store, -o)",
        error);
}

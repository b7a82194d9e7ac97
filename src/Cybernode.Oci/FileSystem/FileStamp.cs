namespace Cybernode.Oci.FileSystem;

/// <summary>
/// What the kernel says of a file without reading it: enough to tell that its content may have
/// changed. Times are nanoseconds since the epoch; ctime moves on every write, chmod and rename, and
/// no user can set it back.
/// </summary>
public readonly record struct FileStamp(FileKind Kind, long Size, long ModifiedNanoseconds, long ChangedNanoseconds, FileIdentity Identity, int Mode);

using Cybernode.Oci.FileSystem;

namespace Cybernode.Oci.Store;

/// <summary>
/// Something in a store folder that is not part of an OCI layout. A temp file is one of
/// cybernode's own; <see cref="Live"/> says whether a running writer holds it.
/// </summary>
public sealed record StrayEntry(string Path, string Kind, long Size, bool Temporary, bool Live)
{
    public static StrayEntry Describe(string path, FileKind kind, bool temporary)
    {
        var regular = kind == FileKind.Regular;
        return new StrayEntry(path, RegularFile.Describe(kind), regular ? new FileInfo(path).Length : 0, temporary && regular, temporary && regular && TempFiles.IsHeld(path));
    }
}

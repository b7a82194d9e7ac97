namespace Cybernode.Oci.FileSystem;

/// <summary>What a path names, as lstat/stat tell it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

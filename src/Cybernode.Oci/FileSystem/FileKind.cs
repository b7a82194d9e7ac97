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

    /// <summary>Symbolic links that lead to each other without end: nothing can be read there.</summary>
    LinkLoop,
    Other,
}

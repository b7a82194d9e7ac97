namespace Cybernode.Build.Assembly.Sources;

/// <summary>What a host path is, as lstat/stat report it.</summary>
public enum HostFileKind
{
    Missing,
    RegularFile,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device node: nothing a build may read or copy.</summary>
    Special,
}

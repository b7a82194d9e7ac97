using Cybernode.Oci.FileSystem;

namespace Cybernode.Oci.Transports;

/// <summary>An OCI layout folder's files. Every one must be a regular file (links followed): a FIFO or device is refused, never opened.</summary>
internal sealed class DirectoryFileTree(string root) : IFileTree
{
    public string Location { get; } = Path.GetFullPath(root);

    public long? LengthOf(string path) => RegularFile.LengthOf(Resolve(path));

    public Stream Open(string path) => RegularFile.OpenRead(Resolve(path));

    private string Resolve(string path) => Path.Combine(Location, path.Replace('/', Path.DirectorySeparatorChar));
}

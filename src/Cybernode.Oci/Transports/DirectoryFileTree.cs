namespace Cybernode.Oci.Transports;

internal sealed class DirectoryFileTree(string root) : IFileTree
{
    public string Location { get; } = Path.GetFullPath(root);

    public long? LengthOf(string path)
    {
        var file = new FileInfo(Resolve(path));
        return file.Exists ? file.Length : null;
    }

    public Stream Open(string path) =>
        new FileStream(Resolve(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private string Resolve(string path) => Path.Combine(Location, path.Replace('/', Path.DirectorySeparatorChar));
}

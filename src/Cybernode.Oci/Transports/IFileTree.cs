namespace Cybernode.Oci.Transports;

/// <summary>Files addressed by slash-separated relative paths: a folder on disk or the entries of a tar archive.</summary>
internal interface IFileTree
{
    /// <summary>Where the tree lives, for messages.</summary>
    string Location { get; }

    /// <summary>The size of a regular file, or null when there is none at <paramref name="path"/>.</summary>
    long? LengthOf(string path);

    Stream Open(string path);
}

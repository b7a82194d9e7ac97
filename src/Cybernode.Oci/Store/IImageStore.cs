using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>Blobs plus a table of image names, as an OCI image layout holds them.</summary>
public interface IImageStore : IBlobStore
{
    string Location { get; }

    Task<IReadOnlyList<TaggedImage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Points <paramref name="name"/> at <paramref name="manifest"/>, replacing what it named before.</summary>
    Task TagAsync(string name, Descriptor manifest, CancellationToken cancellationToken);
}

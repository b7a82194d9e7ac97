using Cybernode.Oci.Model;

namespace Cybernode.Oci.Graph;

/// <summary>Where the blobs of an image graph are read from: a store, a layout, an archive, a registry.</summary>
public interface IBlobSource
{
    /// <summary>Where the blobs come from, for messages.</summary>
    string Location { get; }

    /// <summary>
    /// Opens a blob. The stream throws <see cref="OciFormatException"/> as soon as the content
    /// disagrees with <paramref name="descriptor"/> (size or digest), so no copy needs a second read.
    /// </summary>
    Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken);
}

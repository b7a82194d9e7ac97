using Cybernode.Oci.Model;

namespace Cybernode.Oci.Transports;

/// <summary>The reading end of a copy: a store, an OCI layout or archive, a docker-archive.</summary>
public interface IImageSource
{
    /// <summary>Where the images come from, for messages.</summary>
    string Location { get; }

    Task<IReadOnlyList<SourceImage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens a blob. The stream throws <see cref="OciFormatException"/> as soon as the content
    /// disagrees with <paramref name="descriptor"/> (size or digest), so no copy needs a second read.
    /// </summary>
    Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken);
}

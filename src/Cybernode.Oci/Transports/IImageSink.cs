using Cybernode.Oci.Model;

namespace Cybernode.Oci.Transports;

/// <summary>The writing end of a copy: a store or OCI layout, an OCI archive, a docker-archive.</summary>
public interface IImageSink
{
    /// <summary>Where the images go, for messages.</summary>
    string Location { get; }

    /// <summary>
    /// Copies the image at <paramref name="root"/> and everything it reaches, and names it
    /// <paramref name="name"/>. The name (or the archive) appears only once every blob is verified.
    /// Returns the root of what was written: the manifest or index, or for a single-platform
    /// target the manifest it chose.
    /// </summary>
    Task<Descriptor> WriteAsync(IImageSource source, Descriptor root, string name, CancellationToken cancellationToken);
}

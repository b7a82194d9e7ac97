using Cybernode.Oci.Graph;

namespace Cybernode.Oci.Transports;

/// <summary>The reading end of a copy: a store, an OCI layout or archive, a docker-archive.</summary>
public interface IImageSource : IBlobSource
{
    Task<IReadOnlyList<SourceImage>> ListAsync(CancellationToken cancellationToken);
}

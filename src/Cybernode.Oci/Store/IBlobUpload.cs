using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// A blob being written. Nothing is visible in the store until <see cref="CommitAsync"/>, which
/// checks the digest; disposing an uncommitted upload discards it.
/// </summary>
public interface IBlobUpload : IAsyncDisposable
{
    Stream Content { get; }

    /// <summary>Makes the blob visible under its digest; when <paramref name="expected"/> is given, refuses any other content.</summary>
    Task<BlobInfo> CommitAsync(Digest? expected, CancellationToken cancellationToken);
}

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>Content-addressed blobs: put is verified and idempotent, get is by digest.</summary>
public interface IBlobStore
{
    Task<bool> ContainsAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading; throws <see cref="OciFormatException"/> when it is missing.</summary>
    Task<Stream> OpenReadAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Starts writing a blob whose digest is known only at the end.</summary>
    Task<IBlobUpload> BeginUploadAsync(CancellationToken cancellationToken);
}

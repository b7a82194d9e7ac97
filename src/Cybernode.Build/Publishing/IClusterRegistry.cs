using Cybernode.Oci.Registry;
namespace Cybernode.Build.Publishing;

/// <summary>
/// The three steps of publishing, on one registry, each usable across images so that
/// <see cref="ClusterPublisher"/> can finish a step for every image before starting the next.
/// </summary>
public interface IClusterRegistry
{
    /// <summary>
    /// Puts every blob of the image (config and layers) into its repository: each blob once per
    /// registry, mounted from another repository that already has it, skipped when there.
    /// </summary>
    Task<BlobCounts> PushBlobsAsync(PublishImage image, CancellationToken cancellationToken);

    /// <summary>Puts the manifest by digest, bytes as stored (unless the registry has it already); no tag moves.</summary>
    Task PutManifestAsync(PublishImage image, CancellationToken cancellationToken);

    /// <summary>Points one tag of the image's repository at its manifest; false when it pointed there already.</summary>
    Task<bool> PutTagAsync(PublishImage image, string tag, CancellationToken cancellationToken);
}

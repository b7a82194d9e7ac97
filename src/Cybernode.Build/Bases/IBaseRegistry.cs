using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Bases;

/// <summary>
/// The registry side of a build's remote bases: what a tag resolves to now, and the pull of one
/// manifest into the store. Implementations report a failure as <see cref="BasePullException"/>.
/// </summary>
public interface IBaseRegistry
{
    /// <summary>The digest of the manifest <paramref name="reference"/>'s tag names for <paramref name="platform"/> (chosen from an index).</summary>
    Task<Digest> ResolveAsync(ImageReference reference, Platform platform, CancellationToken cancellationToken);

    /// <summary>Puts the manifest <paramref name="digest"/> of <paramref name="reference"/>'s repository, its config and layers into the store.</summary>
    Task<Descriptor> PullAsync(ImageReference reference, Digest digest, Platform platform, IImageStore store, CancellationToken cancellationToken);
}

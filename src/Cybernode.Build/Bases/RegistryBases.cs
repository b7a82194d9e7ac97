using Cybernode.Oci;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Bases;

/// <summary>
/// The registry side of a build's remote bases: what a tag resolves to now, and the pull of one
/// manifest into the store, through the distribution client (<see cref="RegistryPull"/>) and the
/// run's registry clients (credentials, insecure hosts, limits). Failures come as <see cref="BasePullException"/>.
/// </summary>
public sealed class RegistryBases(Registries registries)
{

    public async Task<Digest> ResolveAsync(ImageReference reference, Platform platform, CancellationToken cancellationToken) =>
        await FailingAsBaseAsync(async () => (await new RegistryPull(registries).ResolveAsync(reference, platform, cancellationToken)).ManifestDigest);

    /// <summary>Pulled by digest (the tag is not asked again) and named as the Dockerfile names it.</summary>
    public Task<Descriptor> PullAsync(ImageReference reference, Digest digest, Platform platform, IImageStore store, CancellationToken cancellationToken) =>
        FailingAsBaseAsync(async () => (await new RegistryPull(registries).PullAsync(reference with { Digest = digest }, platform, store, cancellationToken, reference.FamiliarName)).Manifest);

    private static async Task<T> FailingAsBaseAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (RegistryException e)
        {
            throw new BasePullException(e.Message, e.Hint, e);
        }
        catch (OciFormatException e)
        {
            throw new BasePullException(e.Message, "the registry sent something that is not a valid image; nothing of it was stored", e);
        }
    }
}

using Cybernode.Oci.Model;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Registry;

/// <summary>A registry as a copy target (<c>docker://HOST/REPO:TAG</c>): the image is pushed whole, the tag moved last.</summary>
public sealed class RegistryImageSink(Registries registries, ImageReference target) : IImageSink
{
    public string Location => target.FamiliarName;

    /// <summary>What the last write did with the blobs.</summary>
    public BlobCounts Counts { get; private set; } = BlobCounts.None;

    /// <summary>Pushes to the sink's target; <paramref name="name"/> is how the source calls the image and only serves messages.</summary>
    public async Task<Descriptor> WriteAsync(IImageSource source, Descriptor root, string name, CancellationToken cancellationToken)
    {
        var push = await ImagePush.PrepareAsync(registries, source, root, target, cancellationToken);
        Counts = await push.PushAsync(cancellationToken);
        return root;
    }
}

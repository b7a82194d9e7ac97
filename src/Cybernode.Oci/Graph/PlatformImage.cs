using Cybernode.Oci.Model;

namespace Cybernode.Oci.Graph;

/// <summary>The image an image root gives for one platform: its manifest and its config, read and verified.</summary>
public sealed record PlatformImage(Descriptor ManifestDescriptor, ImageManifest Manifest, byte[] ConfigDocument, ImageConfiguration Config);

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>
/// A reference resolved on its registry: the root it names (a manifest, or an index) and the
/// manifest chosen for the platform (the root itself when it is a single manifest).
/// </summary>
public sealed record ResolvedImage(ImageReference Reference, Platform Platform, RegistryManifest Root, RegistryManifest Manifest)
{
    /// <summary>The digest of the platform's manifest: what a lock records and what a pull by digest names.</summary>
    public Digest ManifestDigest => Manifest.Descriptor.Digest;
}

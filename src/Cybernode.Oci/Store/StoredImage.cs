using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>A single-platform image read from a store: its manifest, where that is, and its config.</summary>
public sealed record StoredImage(Descriptor ManifestDescriptor, ImageManifest Manifest, ImageConfiguration Config);

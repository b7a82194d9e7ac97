using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>An image name in the store and the manifest (or index) it points to.</summary>
public sealed record TaggedImage(string Name, Descriptor Manifest);

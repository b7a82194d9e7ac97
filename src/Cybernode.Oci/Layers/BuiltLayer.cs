using Cybernode.Oci.Model;

namespace Cybernode.Oci.Layers;

/// <summary>A layer blob in a store: its descriptor (compressed digest) and its diffID (uncompressed digest).</summary>
public sealed record BuiltLayer(Descriptor Descriptor, Digest DiffId);

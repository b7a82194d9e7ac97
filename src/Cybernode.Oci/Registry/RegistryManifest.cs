using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>A manifest or index as the registry holds it: its descriptor and its exact bytes (whose digest it is).</summary>
public sealed record RegistryManifest(Descriptor Descriptor, byte[] Bytes);

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>What a pull stored: the name given in the store, the manifest it points to, the root it came from, and the blobs fetched.</summary>
public sealed record PulledImage(string Name, Descriptor Manifest, Descriptor Root, Platform Platform, int BlobsFetched, int BlobsPresent, long BytesFetched);

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Transports;

/// <summary>What a copy produced: the name it was given and its root descriptor (manifest or index).</summary>
public sealed record TransferredImage(string Name, Descriptor Manifest);

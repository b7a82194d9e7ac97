using Cybernode.Oci.Model;

namespace Cybernode.Build.Assembly;

public sealed record AssembledImage(string Name, Descriptor Manifest, bool FromCache);

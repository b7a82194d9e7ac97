using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

public sealed record BlobInfo(Digest Digest, long Size)
{
    public Descriptor Describe(string mediaType) => new(mediaType, Digest, Size);
}

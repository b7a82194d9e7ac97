namespace Cybernode.Oci.Registry;

/// <summary>What a push did with each blob: uploaded, found already there, or mounted from another repository; and the bytes it uploaded.</summary>
public sealed record BlobCounts(int Uploaded, int Existing, int Mounted, long Bytes)
{
    public static BlobCounts None { get; } = new(0, 0, 0, 0);

    public static BlobCounts operator +(BlobCounts a, BlobCounts b) =>
        new(a.Uploaded + b.Uploaded, a.Existing + b.Existing, a.Mounted + b.Mounted, a.Bytes + b.Bytes);
}

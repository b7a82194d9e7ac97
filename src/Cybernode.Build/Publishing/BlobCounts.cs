namespace Cybernode.Build.Publishing;

/// <summary>What became of the blobs of one or more images: sent, already there, or mounted from another repository; <paramref name="Bytes"/> is what was sent.</summary>
public sealed record BlobCounts(int Uploaded, int Existing, int Mounted, long Bytes)
{
    public static BlobCounts None { get; } = new(0, 0, 0, 0);

    public int Total => Uploaded + Existing + Mounted;

    public static BlobCounts operator +(BlobCounts left, BlobCounts right) =>
        new(left.Uploaded + right.Uploaded, left.Existing + right.Existing, left.Mounted + right.Mounted, left.Bytes + right.Bytes);
}

namespace Cybernode.Oci.Store;

/// <summary>What <c>store gc</c> removed (or, in a dry run, would remove).</summary>
public sealed record StoreCollection(string Location, bool DryRun, IReadOnlyList<StoredBlob> Blobs, IReadOnlyList<StoreFile> TempFiles)
{
    public long Bytes => Blobs.Sum(b => b.Size) + TempFiles.Sum(t => t.Size);
}

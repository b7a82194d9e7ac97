namespace Cybernode.Oci.Store;

/// <summary>
/// What <c>store verify</c> found. <see cref="Damage"/> is what makes a store unusable (a corrupt
/// or missing blob, a broken reference, an unreadable index); orphans and stray files are listed
/// but are not damage: gc removes orphans and stale temp files.
/// </summary>
public sealed record StoreVerification(
    string Location,
    int Blobs,
    long BlobBytes,
    int Images,
    IReadOnlyList<string> Damage,
    IReadOnlyList<StoredBlob> Orphans,
    IReadOnlyList<StrayEntry> Stray)
{
    public bool Clean => Damage.Count == 0;
}

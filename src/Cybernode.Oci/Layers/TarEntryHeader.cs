namespace Cybernode.Oci.Layers;

/// <summary>
/// What a layer records of one entry. Only what matters to an image is kept: no user or group
/// names, no access or change times, so nothing of the building machine leaks into a digest.
/// </summary>
public sealed record TarEntryHeader(
    string Name,
    TarEntryType Type,
    int Mode,
    int Uid,
    int Gid,
    long ModificationTimeSeconds,
    long Size = 0,
    string? LinkTarget = null);

using Cybernode.Oci.Model;

namespace Cybernode.Build.Bases;

/// <summary>
/// What a resolve did to one line of cybernode.lock: <see cref="Old"/> null when the base is newly
/// locked, <see cref="New"/> null when the line was dropped, both equal when the tag did not move.
/// </summary>
public sealed record BaseLockChange(BaseKey Base, Digest? Old, Digest? New)
{
    public bool Changed => Old != New;

    public string Describe() => (Old, New) switch
    {
        (null, _) => $"{Base}: locked {New}",
        (_, null) => $"{Base}: no longer used, removed from {BaseLock.FileName} (was {Old})",
        _ when Changed => $"{Base} moved: {Old} -> {New}",
        _ => $"{Base}: unchanged {New}",
    };
}

using Cybernode.Oci.Model;

namespace Cybernode.Build.Bases;

/// <summary>A locked base whose tag now names another manifest (<see cref="Old"/> null: newly locked; <see cref="New"/> null: dropped from the lock).</summary>
public sealed record BaseMove(BaseKey Base, Digest? Old, Digest? New)
{
    public string Describe() => (Old, New) switch
    {
        (null, _) => $"{Base}: locked {New}",
        (_, null) => $"{Base}: no longer used, removed from {BaseLock.FileName} (was {Old})",
        _ => $"{Base} moved: {Old} -> {New}",
    };
}

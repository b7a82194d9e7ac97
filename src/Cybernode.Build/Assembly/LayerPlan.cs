namespace Cybernode.Build.Assembly;

/// <summary>A layer not yet written: entries sorted by name, then archives unpacked in order.</summary>
public sealed record LayerPlan(IReadOnlyList<PlannedEntry> Entries, IReadOnlyList<PlannedArchive> Archives);

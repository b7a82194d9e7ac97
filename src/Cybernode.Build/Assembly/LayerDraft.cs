namespace Cybernode.Build.Assembly;

/// <summary>A layer not yet written: entries sorted by name, then archives unpacked in order.</summary>
public sealed record LayerDraft(IReadOnlyList<DraftEntry> Entries, IReadOnlyList<DraftArchive> Archives);

namespace Cybernode.Build.Assembly;

/// <summary>A local tar archive that ADD unpacks: the entries planning kept, by position, with their final headers.</summary>
public sealed record DraftArchive(string ArchivePath, IReadOnlyList<ArchivePick> Picks);

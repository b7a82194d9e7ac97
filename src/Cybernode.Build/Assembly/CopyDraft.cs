namespace Cybernode.Build.Assembly;

/// <summary>What one COPY or ADD puts in its layer, before it is placed on the image so far.</summary>
public sealed record CopyDraft(IReadOnlyList<DraftEntry> Entries, IReadOnlyList<ArchiveSource> Archives);

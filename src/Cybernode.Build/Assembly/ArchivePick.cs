using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly;

/// <summary>The entry at position <see cref="Index"/> of an ADDed archive, as it goes into the layer.</summary>
public sealed record ArchivePick(int Index, TarEntryHeader Header);

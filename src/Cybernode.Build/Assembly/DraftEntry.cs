using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly;

/// <summary>An entry of a layer to be written: its header, and the host file its content comes from.</summary>
public sealed record DraftEntry(TarEntryHeader Header, string? ContentPath);

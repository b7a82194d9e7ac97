using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly.Sources;

/// <summary>One file, folder or link that a COPY or ADD can take, with the metadata its layer entry keeps.</summary>
public sealed record SourceItem(
    string RelativePath,
    string FullPath,
    TarEntryType Type,
    int Mode,
    int Uid,
    int Gid,
    long Size,
    string? LinkTarget);

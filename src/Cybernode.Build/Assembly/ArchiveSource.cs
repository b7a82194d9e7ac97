namespace Cybernode.Build.Assembly;

/// <summary>A local tar archive that an ADD names, to unpack into <see cref="Destination"/> (an absolute image path).</summary>
public sealed record ArchiveSource(string ArchivePath, string Destination, int? Uid, int? Gid, int? Mode);

namespace Cybernode.Build.Assembly;

/// <summary>
/// A local tar archive that an ADD names, to unpack into <see cref="Destination"/> (an absolute image
/// path). Its entries keep the owners written in the archive, as docker, BuildKit and buildah do;
/// --chown owns only the folders the ADD creates.
/// </summary>
public sealed record ArchiveSource(string ArchivePath, string Destination, int? Mode);

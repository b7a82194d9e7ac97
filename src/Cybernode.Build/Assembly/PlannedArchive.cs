namespace Cybernode.Build.Assembly;

/// <summary>A local tar archive that ADD unpacks into <see cref="Destination"/> (an absolute image path); its entries keep their owners.</summary>
public sealed record PlannedArchive(string ArchivePath, string Destination, int? Mode);

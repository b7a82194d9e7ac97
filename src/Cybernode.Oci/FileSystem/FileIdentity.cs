namespace Cybernode.Oci.FileSystem;

/// <summary>What makes a file the same file under another name: its device and inode.</summary>
public readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode);

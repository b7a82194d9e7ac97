namespace Cybernode.Build.Assembly.Sources;

/// <summary>What makes a host file the same file under another name: its device and inode.</summary>
public readonly record struct HostFileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode);

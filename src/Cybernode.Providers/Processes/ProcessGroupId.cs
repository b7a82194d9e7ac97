namespace Cybernode.Providers.Processes;

/// <summary>
/// A process group cybernode started: its id (the pid of its leader, which called setsid) and the
/// leader's start time in clock ticks after boot (/proc/PID/stat field 22), which tells the group
/// apart from a later one that reuses the number.
/// </summary>
public readonly record struct ProcessGroupId(int Id, ulong LeaderStartTime);

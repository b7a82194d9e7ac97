using System.Runtime.InteropServices;

namespace Cybernode.Providers.Processes;

/// <summary>kill(2): to one process, or to a whole process group.</summary>
internal static partial class Signals
{
    public const int Term = 15;
    public const int Kill = 9;

    /// <summary>True when the signal was delivered (false: no such process or group).</summary>
    public static bool ToProcess(int pid, int signal) => pid > 0 && Send(pid, signal) == 0;

    public static bool ToGroup(int pgid, int signal) => pgid > 1 && Send(-pgid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Send(int pid, int signal);
}

namespace Cybernode.Providers.Processes;

/// <summary>
/// Finds and stops the processes of a group cybernode started, and only of that group: a number
/// whose leader is now another process (a reused pid) is left alone.
/// </summary>
public static class ProcessGroup
{
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The group a process leads, or null when it is already gone.</summary>
    public static ProcessGroupId? Of(int leaderPid) =>
        ProcStat.Read(leaderPid) is { } stat ? new ProcessGroupId(leaderPid, stat.StartTime) : null;

    /// <summary>Whether a process runs; a zombie (ended, waiting to be reaped) does not.</summary>
    public static bool IsRunning(int pid) => ProcStat.Read(pid) is { IsRunning: true };

    /// <summary>
    /// The running processes of the group: its leader if it still runs, and every process in the
    /// group's session and process group that started no earlier than the leader. When the leader's
    /// pid now names a process that started at another time, the number was reused: none.
    /// </summary>
    public static IReadOnlyList<int> LiveMembers(ProcessGroupId group)
    {
        if (ProcStat.Read(group.Id) is { } leader && leader.StartTime != group.LeaderStartTime)
        {
            return [];
        }

        return [.. ProcStat.All()
            .Where(p => p.IsRunning && p.StartTime >= group.LeaderStartTime
                && (p.Pid == group.Id || (p.ProcessGroup == group.Id && p.Session == group.Id)))
            .Select(p => p.Pid)];
    }

    /// <summary>
    /// SIGTERM to the whole group, then after <paramref name="grace"/> SIGKILL to what is left.
    /// Returns whether anything of the group was still running.
    /// </summary>
    public static async Task<bool> StopAsync(ProcessGroupId group, TimeSpan grace)
    {
        if (LiveMembers(group).Count == 0)
        {
            return false;
        }

        Send(group, Signals.Term);
        if (!await WaitUntilGoneAsync(group, grace))
        {
            Send(group, Signals.Kill);
            await WaitUntilGoneAsync(group, KillWait);
        }

        return true;
    }

    // The leader is signalled on its own too: in the instant after it starts, before it has called
    // setsid, it is not yet in its group.
    private static void Send(ProcessGroupId group, int signal)
    {
        Signals.ToGroup(group.Id, signal);
        if (ProcStat.Read(group.Id) is { IsRunning: true } leader && leader.StartTime == group.LeaderStartTime)
        {
            Signals.ToProcess(group.Id, signal);
        }
    }

    private static async Task<bool> WaitUntilGoneAsync(ProcessGroupId group, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LiveMembers(group).Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }

        return true;
    }
}

using System.Globalization;
using Cybernode.Providers.Processes;

namespace Cybernode.Build.Locking;

/// <summary>
/// What a service lock file says: which cybernode holds it, and the process group of the build
/// script it runs, if any (left behind when that cybernode was killed with SIGKILL).
/// <code>
/// holder PID
/// group PGID LEADER_START_TICKS
/// </code>
/// </summary>
internal sealed record LockRecord(int? Holder, ProcessGroupId? Group)
{
    public static LockRecord Parse(string text)
    {
        int? holder = null;
        ProcessGroupId? group = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields is ["holder", var pid] && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var holderPid))
            {
                holder = holderPid;
            }
            else if (fields is ["group", var id, var start]
                && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var groupId)
                && ulong.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var startTime))
            {
                group = new ProcessGroupId(groupId, startTime);
            }
        }

        return new LockRecord(holder, group);
    }

    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"holder {Holder}\n")
        + (Group is { } group ? string.Create(CultureInfo.InvariantCulture, $"group {group.Id} {group.LeaderStartTime}\n") : "");
}

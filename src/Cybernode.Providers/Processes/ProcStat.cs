using System.Globalization;

namespace Cybernode.Providers.Processes;

/// <summary>The fields of /proc/PID/stat that tell which group a process is in and whether it still runs.</summary>
internal readonly record struct ProcStat(int Pid, char State, int ProcessGroup, int Session, ulong StartTime)
{
    /// <summary>A zombie has ended and only waits for its parent to reap it (here PID 1 may never do so).</summary>
    public bool IsRunning => State is not ('Z' or 'X' or 'x');

    /// <summary>The process's stat, or null when it is gone (or /proc cannot be read).</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(pid, text);
    }

    /// <summary>Every process on the machine, as far as /proc shows them.</summary>
    public static IEnumerable<ProcStat> All()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }

    // "PID (COMM) STATE PPID PGRP SESSION ... STARTTIME ...": COMM may hold spaces and parentheses,
    // so the fields are counted from the last ')'. STARTTIME is field 22, the 20th after COMM.
    private static ProcStat? Parse(int pid, string text)
    {
        var end = text.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        var fields = text[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var session)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new ProcStat(pid, fields[0][0], group, session, start);
    }
}

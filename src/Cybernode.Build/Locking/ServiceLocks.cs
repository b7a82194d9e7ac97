using Cybernode.Providers.Processes;

namespace Cybernode.Build.Locking;

/// <summary>The service locks of a workspace as a whole, for commands that clean up after killed builds.</summary>
public static class ServiceLocks
{
    /// <summary>
    /// For every service lock no build holds, ends the 01build.sh process group a killed build
    /// left recorded in it, if that group still runs. Locks held by running builds are left alone.
    /// </summary>
    /// <returns>Each ended group with the service whose lock recorded it.</returns>
    public static async Task<IReadOnlyList<(string Service, ProcessGroupId Group)>> EndStaleGroupsAsync(string workspaceRoot)
    {
        var folder = ServiceLock.FolderOf(workspaceRoot);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var ended = new List<(string, ProcessGroupId)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.lock").Order(StringComparer.Ordinal))
        {
            using var serviceLock = ServiceLock.TryAcquire(path, Path.GetFileNameWithoutExtension(path));
            if (serviceLock is not null && await serviceLock.EndStaleGroupAsync() is { } group)
            {
                ended.Add((serviceLock.Service, group));
            }
        }

        return ended;
    }
}

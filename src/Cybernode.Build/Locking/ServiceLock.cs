using Cybernode.Providers.Processes;

namespace Cybernode.Build.Locking;

/// <summary>
/// One build's hold on one service of a workspace: its bin/, its log, its build stage and run image
/// assembly. Held only while that service builds, never while waiting for another lock, so two
/// builds taking services in different orders cannot deadlock. The file (.cybernode/locks/NAME.lock)
/// records the process group of the running 01build.sh, so that after a SIGKILL of cybernode the
/// next holder can end what the script left running.
/// </summary>
public sealed class ServiceLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly LockFile _file;

    // The group a killed holder left recorded; kept in the file until it is ended, so that a
    // SIGKILL of this holder before then loses nothing.
    private ProcessGroupId? _stale;

    private ServiceLock(LockFile file, string service)
    {
        _file = file;
        Service = service;
        _stale = LockRecord.Parse(file.Read()).Group;
        Write(_stale);
    }

    public string Service { get; }

    public static string FolderOf(string workspaceRoot) => Path.Combine(workspaceRoot, ".cybernode", "locks");

    /// <summary>
    /// Takes the service's lock. While another build holds it: waits, calling
    /// <paramref name="waiting"/> once, or with <paramref name="wait"/> false refuses.
    /// </summary>
    /// <exception cref="UserError">another build holds the lock and waiting was not allowed, or the lock file cannot be made.</exception>
    public static async Task<ServiceLock> AcquireAsync(string workspaceRoot, string service, bool wait, Action waiting, CancellationToken cancellationToken)
    {
        var path = Path.Combine(FolderOf(workspaceRoot), $"{service}.lock");
        var announced = false;
        while (true)
        {
            if (TryAcquire(path, service) is { } acquired)
            {
                return acquired;
            }

            if (!wait)
            {
                var holder = LockRecord.Parse(LockFile.Peek(path)).Holder;
                throw new UserError(
                    $"another build of {service} is running{(holder is null ? "" : $" (cybernode pid {holder})")}; --no-wait does not wait for it",
                    path, hint: "build again when it is done, or leave out --no-wait to wait for it");
            }

            if (!announced)
            {
                waiting();
                announced = true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Takes the lock only if no build holds it, as <c>store gc</c> does; null while a build holds it.
    /// </summary>
    internal static ServiceLock? TryAcquire(string path, string service)
    {
        LockFile? file;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            file = LockFile.TryAcquire(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot lock the service for this build: {e.Message}", path, hint: "the workspace's .cybernode folder must be writable");
        }

        return file is null ? null : new ServiceLock(file, service);
    }

    /// <summary>
    /// Ends the processes a killed build of this service left running (its 01build.sh's group, if
    /// any still runs and it really is that group, not a reused number). Returns the group it ended.
    /// </summary>
    public async Task<ProcessGroupId?> EndStaleGroupAsync()
    {
        var stale = _stale;
        var ended = stale is { } group && await ProcessGroup.StopAsync(group, ProcessGroup.StopGrace) ? stale : null;
        RecordGroup(null);
        return ended;
    }

    /// <summary>Records the group of the build script this holder runs (null: none runs).</summary>
    public void RecordGroup(ProcessGroupId? group)
    {
        _stale = null;
        Write(group);
    }

    public void Dispose()
    {
        _file.Write("");
        _file.Dispose();
    }

    private void Write(ProcessGroupId? group) => _file.Write(new LockRecord(Environment.ProcessId, group).Format());
}

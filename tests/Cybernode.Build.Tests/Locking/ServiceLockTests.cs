using System.Diagnostics;
using Cybernode.Build.Locking;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Providers.Processes;

namespace Cybernode.Build.Tests.Locking;

public sealed class ServiceLockTests : IDisposable
{
    private readonly TempFolder _ws = new();
    private readonly List<Process> _started = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string LockPath(string service) => _ws[$".cybernode/locks/{service}.lock"];

    private static Task<ServiceLock> AcquireAsync(string root, string service, bool wait = true, Action? waiting = null) =>
        ServiceLock.AcquireAsync(root, service, wait, waiting ?? (() => { }), Token);

    /// <summary>A `sleep` leading a session and group of its own, as a build script does; setsid keeps its pid.</summary>
    private ProcessGroupId StartGroup()
    {
        var process = Process.Start("setsid", ["sleep", "1000"]);
        _started.Add(process);
        for (var i = 0; i < 100 && ProcessGroup.LiveMembers(ProcessGroup.Of(process.Id)!.Value).Count == 0; i++)
        {
            Thread.Sleep(50);
        }

        return ProcessGroup.Of(process.Id)!.Value;
    }

    /// <summary>What a cybernode killed with SIGKILL leaves in a lock file: its pid and its script's group.</summary>
    private void WriteStaleRecord(string service, ProcessGroupId group)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath(service))!);
        File.WriteAllText(LockPath(service), $"holder 999999999\ngroup {group.Id} {group.LeaderStartTime}\n");
    }

    [Fact]
    public async Task A_second_holder_waits_saying_so_once_and_gets_the_lock_when_the_first_lets_go()
    {
        var first = await AcquireAsync(_ws.Path, "svc");
        var announcements = 0;

        var second = AcquireAsync(_ws.Path, "svc", waiting: () => Interlocked.Increment(ref announcements));
        await Task.Delay(1000, Token);
        var waitedWhileHeld = !second.IsCompleted;
        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10), Token);

        waitedWhileHeld.ShouldBeTrue();
        announcements.ShouldBe(1);
    }

    [Fact]
    public async Task Without_waiting_a_held_lock_is_refused_naming_the_lock_file_and_the_holder()
    {
        using var held = await AcquireAsync(_ws.Path, "svc");

        var error = await Should.ThrowAsync<UserError>(() => AcquireAsync(_ws.Path, "svc", wait: false));

        error.File.ShouldBe(LockPath("svc"));
        error.Message.ShouldBe($"another build of svc is running (cybernode pid {Environment.ProcessId}); --no-wait does not wait for it");
        error.Hint.ShouldNotBeNull();
    }

    [Fact]
    public async Task Locks_of_different_services_do_not_wait_for_each_other()
    {
        using var one = await AcquireAsync(_ws.Path, "one");

        using var other = await AcquireAsync(_ws.Path, "other", wait: false);

        other.Service.ShouldBe("other");
    }

    [Fact]
    public async Task The_next_holder_ends_the_group_a_killed_holder_left_recorded()
    {
        var group = StartGroup();
        WriteStaleRecord("svc", group);

        using var serviceLock = await AcquireAsync(_ws.Path, "svc");
        var ended = await serviceLock.EndStaleGroupAsync();

        ended.ShouldBe(group);
        ProcessGroup.LiveMembers(group).ShouldBeEmpty();
        _started[0].WaitForExit(5000).ShouldBeTrue();
    }

    [Fact]
    public async Task A_recorded_group_whose_leader_pid_now_names_another_process_is_left_alone()
    {
        var live = StartGroup();
        WriteStaleRecord("svc", live with { LeaderStartTime = live.LeaderStartTime - 1 });

        using var serviceLock = await AcquireAsync(_ws.Path, "svc");
        var ended = await serviceLock.EndStaleGroupAsync();

        ended.ShouldBeNull();
        _started[0].HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task Ending_stale_groups_of_a_workspace_skips_services_a_running_build_holds()
    {
        var stale = StartGroup();
        var running = StartGroup();
        WriteStaleRecord("killed", stale);
        using var held = await AcquireAsync(_ws.Path, "building");
        held.RecordGroup(running);

        var ended = await ServiceLocks.EndStaleGroupsAsync(_ws.Path);

        ended.ShouldBe([("killed", stale)]);
        _started[0].WaitForExit(5000).ShouldBeTrue();
        _started[1].HasExited.ShouldBeFalse();
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        _ws.Dispose();
    }
}

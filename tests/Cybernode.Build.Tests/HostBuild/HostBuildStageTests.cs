using System.Diagnostics;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Locking;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;
using Cybernode.Providers.Processes;

namespace Cybernode.Build.Tests.HostBuild;

public class HostBuildStageTests
{
    /// <summary>The lines the script printed, as the build reports them.</summary>
    private sealed class RecordingReporter : IBuildEvents
    {
        private readonly RecordedEvents _events = new();

        public List<string> Lines => [.. _events.All.OfType<StepOutput>().Select(o => o.Line)];

        public void Report(BuildEvent buildEvent) => _events.Report(buildEvent);
    }

    private static Service ServiceIn(TempFolder ws) => new("svc", "svc", ws["svc"], "cybernode");

    private static Task RunAsync(TempFolder ws, IBuildEvents reporter) => RunWithTokenAsync(ws, reporter, TestContext.Current.CancellationToken);

    private static async Task RunWithTokenAsync(TempFolder ws, IBuildEvents reporter, CancellationToken cancellationToken)
    {
        using var log = new ServiceLog(ws["logs"], "svc", reporter);
        using var serviceLock = await ServiceLock.AcquireAsync(ws.Path, "svc", wait: false, () => { }, cancellationToken);
        await HostBuildStage.RunAsync(ServiceIn(ws), null, log.For(new StepId("svc", StepKind.HostScript)), serviceLock, cancellationToken);
    }

    // The script writes the pids of everything it starts to pids: itself, a background sleep and,
    // through a child shell, the foreground sleep it then waits for.
    private const string FamilyScript =
        "echo $$ > ../pids\nsleep 1000 &\necho $! >> ../pids\nsh -c 'echo $$ >> ../pids; exec sleep 1000'\n";

    private static async Task<int[]> WaitForPidsAsync(TempFolder ws, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var lines = File.Exists(ws["pids"]) ? File.ReadAllLines(ws["pids"]).Where(l => l.Length > 0).ToArray() : [];
            if (lines.Length >= count)
            {
                return [.. lines.Select(int.Parse)];
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the script did not start its processes within 20 s");
    }

    [Fact]
    public async Task Runs_the_script_in_its_folder_with_BUILD_DIR_set_to_an_emptied_bin()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "echo \"cwd=$(pwd)\"\necho built > \"$BUILD_DIR/app\"\necho \"dir=$BUILD_DIR\"\n");
        ws.Write("svc/bin/stale", "left from the last build");
        var reporter = new RecordingReporter();

        await RunAsync(ws, reporter);

        File.ReadAllText(ws["svc/bin/app"]).ShouldBe("built\n");
        File.Exists(ws["svc/bin/stale"]).ShouldBeFalse();
        reporter.Lines.ShouldContain($"cwd={ws["svc"]}");
        reporter.Lines.ShouldContain($"dir={ws["svc/bin"]}");
        File.ReadAllText(ws["logs/svc.build.log"]).ShouldContain("dir=");
    }

    [Fact]
    public async Task An_executable_script_runs_through_its_own_interpreter_line()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "#!/bin/bash\necho \"bash=${BASH_VERSION:+yes}\"\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var reporter = new RecordingReporter();

        await RunAsync(ws, reporter);

        reporter.Lines.ShouldContain("bash=yes");
    }

    [Fact]
    public async Task A_failing_script_fails_the_stage_showing_its_last_lines_and_exit_code()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "echo compiling\necho 'main.c:3: error: expected ;' >&2\nexit 3\n");

        var error = await Should.ThrowAsync<UserError>(() =>
            RunAsync(ws, new RecordingReporter()));

        error.Message.ShouldContain("exit code 3");
        error.Message.ShouldContain("main.c:3: error: expected ;");
        error.File.ShouldBe(ws["svc/01build.sh"]);
        error.Hint!.ShouldContain("svc.build.log");
    }

    [Fact]
    public async Task Cancelling_the_stage_stops_the_script_and_everything_it_started()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", FamilyScript);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = RunWithTokenAsync(ws, new RecordingReporter(), cancel.Token);
        var pids = await WaitForPidsAsync(ws, 3);
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        pids.Where(ProcessGroup.IsRunning).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_background_process_the_script_leaves_with_its_stdout_does_not_hold_the_stage_open_and_is_stopped()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "sleep 30 &\necho $! > ../pids\necho built > \"$BUILD_DIR/app\"\necho done\n");
        var reporter = new RecordingReporter();
        var clock = Stopwatch.StartNew();

        await RunAsync(ws, reporter);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        reporter.Lines.ShouldContain("done");
        ProcessGroup.IsRunning((await WaitForPidsAsync(ws, 1))[0]).ShouldBeFalse();
    }

    [Fact]
    public async Task Everything_the_script_printed_is_read_though_a_background_process_holds_its_stdout()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "sleep 30 &\nseq 1 200000\n");
        var reporter = new RecordingReporter();

        await RunAsync(ws, reporter);

        reporter.Lines.Count.ShouldBe(200000);
        reporter.Lines[^1].ShouldBe("200000");
    }

    [Fact]
    public async Task A_script_started_from_a_thread_that_then_ends_is_not_killed_by_its_parent_death_signal()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "sleep 2\necho survived > \"$BUILD_DIR/app\"\n");
        Task? run = null;
        var starter = new Thread(() => run = RunAsync(ws, new RecordingReporter()));

        starter.Start();
        starter.Join();
        await run!;

        File.ReadAllText(ws["svc/bin/app"]).ShouldBe("survived\n");
    }

    [Fact]
    public async Task While_the_script_runs_its_process_group_is_recorded_in_the_service_lock()
    {
        using var ws = new TempFolder();
        ws.Write("svc/01build.sh", "echo $$ > ../pids\nsleep 1000\n");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = RunWithTokenAsync(ws, new RecordingReporter(), cancel.Token);
        var script = (await WaitForPidsAsync(ws, 1))[0];
        var record = LockFile.Peek(ws[".cybernode/locks/svc.lock"]);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => run);

        record.ShouldContain($"group {script} ");
        record.ShouldContain($"holder {Environment.ProcessId}");
    }
}

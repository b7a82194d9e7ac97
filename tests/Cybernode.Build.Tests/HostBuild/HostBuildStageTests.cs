using Cybernode.Build.HostBuild;
using Cybernode.Build.Reporting;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests.HostBuild;

public class HostBuildStageTests
{
    private sealed class RecordingReporter : IBuildReporter
    {
        public List<string> Lines { get; } = [];

        public void StageStarted(string service, string stage)
        {
        }

        public void Output(string service, string line) => Lines.Add(line);

        public void ServiceFinished(ServiceResult result)
        {
        }
    }

    private static Service ServiceIn(TempFolder ws) => new("svc", "svc", ws["svc"], "cybernode");

    private static async Task RunAsync(TempFolder ws, IBuildReporter reporter)
    {
        using var log = new ServiceLog(ws["logs"], "svc", reporter);
        await HostBuildStage.RunAsync(ServiceIn(ws), null, log, TestContext.Current.CancellationToken);
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
}

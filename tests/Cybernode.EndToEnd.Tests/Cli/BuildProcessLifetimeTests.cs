using System.Diagnostics;
using Cybernode.EndToEnd.Tests.Infrastructure;
using Cybernode.Providers.Processes;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// What a 01build.sh starts ends with the build: on SIGINT and SIGTERM, when cybernode is killed
/// (its direct child at once, the rest at the next build), and when the script leaves a
/// background process running.
/// </summary>
public sealed class BuildProcessLifetimeTests : IDisposable
{
    private readonly TempFolder _directory = new("cybernode-lifetime-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Workspace => _directory.Combine("ws");

    private string PidFile => _directory.Combine("pids");

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_stops_the_script_and_everything_it_started_and_exits_as_a_shell_reports_it(string signal, int exitCode)
    {
        WriteService(ScriptFamily.Script(PidFile));
        using var family = new ScriptFamily(PidFile);
        using var cli = RunningCli.Start(["build", Workspace, "--store", _directory.Combine("store")]);
        await family.WaitForAsync(3, Token);

        cli.Signal(signal);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(30), Token);

        result.ExitCode.ShouldBe(exitCode, result.StandardError);
        result.StandardError.ShouldContain("interrupted");
        (await ScriptFamily.WaitUntilEndedAsync(family.Pids, TimeSpan.FromSeconds(5), Token)).ShouldBeEmpty("these processes of 01build.sh survived");
    }

    [Fact]
    public async Task After_a_SIGKILL_the_script_dies_with_cybernode_and_the_next_build_ends_what_it_left_running()
    {
        // The second build finds `second` and builds at once.
        WriteService($"[ -e ../second ] && {{ echo ok > \"$BUILD_DIR/app\"; exit 0; }}\n{ScriptFamily.Script(PidFile)}");
        using var family = new ScriptFamily(PidFile);
        await KillBuildWhileTheScriptRunsAsync(family);
        File.WriteAllText(Path.Combine(Workspace, "second"), "");

        var rebuild = await CybernodeCli.RunAsync(["build", Workspace, "--store", _directory.Combine("store")], Token);

        rebuild.ExitCode.ShouldBe(0, rebuild.StandardError);
        rebuild.StandardOutput.ShouldContain("stopped what a killed build of svc left running");
        family.Running().ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_SIGKILL_store_gc_ends_what_the_killed_build_left_running()
    {
        WriteService(ScriptFamily.Script(PidFile));
        using var family = new ScriptFamily(PidFile);
        await KillBuildWhileTheScriptRunsAsync(family);

        var gc = await CybernodeCli.RunAsync(["store", "gc", "-w", Workspace, "--store", _directory.Combine("store")], Token);

        gc.ExitCode.ShouldBe(0, gc.StandardError);
        gc.StandardError.ShouldContain("stopped what a killed build of svc left running");
        (await ScriptFamily.WaitUntilEndedAsync(family.Pids, TimeSpan.FromSeconds(10), Token)).ShouldBeEmpty("store gc left these processes of the killed build running");
    }

    [Fact]
    public async Task A_background_process_holding_the_scripts_stdout_does_not_hold_the_build_open_and_is_stopped()
    {
        WriteService($"sleep 30 &\necho $! > {PidFile}\necho ok > \"$BUILD_DIR/app\"\n");
        using var family = new ScriptFamily(PidFile);
        var clock = Stopwatch.StartNew();

        var result = await CybernodeCli.RunAsync(["build", Workspace, "--store", _directory.Combine("store")], Token);

        result.ExitCode.ShouldBe(0, result.StandardError);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        (await family.WaitForAsync(1, Token)).Where(ProcessGroup.IsRunning).ShouldBeEmpty();
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>SIGKILLs a build while its script runs: the script itself dies with it, what it started in the background does not.</summary>
    private async Task KillBuildWhileTheScriptRunsAsync(ScriptFamily family)
    {
        using (var cli = RunningCli.Start(["build", Workspace, "--store", _directory.Combine("store")]))
        {
            await family.WaitForAsync(3, Token);
            cli.Signal("KILL");
            await cli.WaitAsync(TimeSpan.FromSeconds(30), Token);
        }

        (await ScriptFamily.WaitUntilEndedAsync([family.Pids[0]], TimeSpan.FromSeconds(5), Token)).ShouldBeEmpty("the parent-death signal did not end 01build.sh");
        family.Running().ShouldNotBeEmpty("the script's background processes are what must be ended later");
    }

    private void WriteService(string script)
    {
        var service = Path.Combine(Workspace, "svc");
        Directory.CreateDirectory(service);
        File.WriteAllText(Path.Combine(service, "01build.sh"), script);
        File.WriteAllText(Path.Combine(service, "Dockerfile"), "FROM scratch\nCOPY bin/ /app/\n");
    }
}

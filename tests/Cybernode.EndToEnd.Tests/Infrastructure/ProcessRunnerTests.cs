namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class ProcessRunnerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Captures_exit_code_stdout_and_stderr_separately()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], cancellationToken: Token);

        result.ExitCode.ShouldBe(3);
        result.StandardOutput.ShouldBe("out\n");
        result.StandardError.ShouldBe("err\n");
        result.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task Calls_back_with_each_line_as_it_comes_and_keeps_the_whole_text()
    {
        var seen = new List<string>();
        var options = new ProcessOptions
        {
            OnOutputLine = (pid, line) => seen.Add($"out {line} {pid > 0}"),
            OnErrorLine = (_, line) => seen.Add($"err {line}"),
        };

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo one; echo two; echo three >&2"], options, Token);

        result.StandardOutput.ShouldBe("one\ntwo\n");
        result.StandardError.ShouldBe("three\n");
        seen.ShouldBe(["out one True", "out two True", "err three"], ignoreOrder: true);
    }

    [Fact]
    public async Task Passes_arguments_verbatim_without_a_shell()
    {
        string[] arguments = ["two words", "$HOME", "*", "'quoted'"];

        var result = await ProcessRunner.RunAsync("/usr/bin/printf", ["%s\n", .. arguments], cancellationToken: Token);

        result.StandardOutput.ShouldBe(string.Join("", arguments.Select(a => a + "\n")));
    }

    [Fact]
    public async Task Sets_and_removes_environment_variables()
    {
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["CYBERNODE_PROBE"] = "set", ["HOME"] = null },
        };

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo \"$CYBERNODE_PROBE:${HOME-unset}\""], options, Token);

        result.StandardOutput.ShouldBe("set:unset\n");
    }

    [Fact]
    public async Task Runs_in_the_working_directory_and_feeds_standard_input()
    {
        using var directory = new TempFolder();
        var options = new ProcessOptions { WorkingDirectory = directory.Path, StandardInput = "from stdin\n" };

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "pwd; cat"], options, Token);

        result.StandardOutput.ShouldBe($"{directory.Path}\nfrom stdin\n");
    }

    [Fact]
    public async Task EnsureSuccess_reports_the_command_and_its_output()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo broken >&2; exit 1"], cancellationToken: Token);

        var error = Should.Throw<InvalidOperationException>(() => result.EnsureSuccess());
        error.Message.ShouldContain("/bin/sh -c");
        error.Message.ShouldContain("broken");
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_process_tree()
    {
        using var directory = new TempFolder();
        var pidFile = directory.Combine("child.pid");
        var options = new ProcessOptions { Timeout = TimeSpan.FromSeconds(1) };

        var error = await Should.ThrowAsync<TimeoutException>(() => ProcessRunner.RunAsync(
            "/bin/sh", ["-c", $"sleep 60 & echo $! > {pidFile}; echo started; wait"], options, Token));

        error.Message.ShouldContain("started");
        ShouldBeGone(int.Parse(await File.ReadAllTextAsync(pidFile, Token)));
    }

    [Fact]
    public async Task Cancellation_kills_the_process_and_throws()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Should.ThrowAsync<OperationCanceledException>(
            () => ProcessRunner.RunAsync("/bin/sleep", ["60"], cancellationToken: cancellation.Token));

        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_missing_program_fails_at_start()
    {
        await Should.ThrowAsync<System.ComponentModel.Win32Exception>(
            () => ProcessRunner.RunAsync("/nonexistent/program", [], cancellationToken: Token));
    }

    // PID 1 here does not reap orphans, so a killed grandchild may linger as a zombie: that counts as gone.
    private static void ShouldBeGone(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (File.Exists(stat))
        {
            var state = File.ReadAllText(stat).Split(") ")[1][0];
            state.ShouldBe('Z', $"process {pid} is still running");
        }
    }
}

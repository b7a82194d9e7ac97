using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cybernode.EndToEnd.Tests.Progress;

/// <summary>
/// `build --progress` as a user sees it, with the native CLI on a host-built workspace: two services
/// build, one fails. The live view runs under a pseudo-terminal (script(1)), as on a user's terminal.
/// </summary>
public sealed class ProgressCliTests : IDisposable
{
    private readonly TempFolder _workspace = new("cybernode-progress-");

    public ProgressCliTests()
    {
        AddService("alpha", "echo alpha compiles\necho 1 > \"$BUILD_DIR/app\"\n");
        AddService("beta", "echo beta compiles\necho 2 > \"$BUILD_DIR/app\"\n");
        AddService("gamma", "echo gamma compiles\necho the last words of gamma\nexit 3\n");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Store => _workspace.Combine(".cybernode", "store");

    [Fact]
    public async Task Plain_prints_each_services_steps_and_output_prefixed_by_its_name_the_failure_on_stderr_and_the_summary_last()
    {
        var build = await CybernodeCli.RunAsync(["build", _workspace.Path, "--store", Store, "--progress", "plain"], Token);

        build.ExitCode.ShouldBe(1, build.StandardError);
        var lines = build.StandardOutput.TrimEnd('\n').Split('\n');
        lines.ShouldContain("[alpha] running 01build.sh");
        lines.ShouldContain("[alpha] alpha compiles");
        lines.ShouldContain("[beta] assembling the run image");
        lines.ShouldContain(l => Regex.IsMatch(l, @"^\[beta\] built cybernode/beta:latest sha256:[0-9a-f]{64} in [0-9.]+s$"));
        lines[^1].ShouldMatch($@"^3 services: 2 built, 0 cached, 1 failed in [0-9.]+s; store {Regex.Escape(Store)}$");
        build.StandardOutput.ShouldNotContain("[gamma] FAILED", Case.Sensitive);
        AssertFailureShown(build.StandardError);
    }

    [Fact]
    public async Task Json_prints_one_object_per_line_with_each_services_steps_started_and_finished()
    {
        var build = await CybernodeCli.RunAsync(["build", _workspace.Path, "--store", Store, "--progress", "json"], Token);

        build.ExitCode.ShouldBe(1, build.StandardError);
        var events = build.StandardOutput.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        foreach (var service in new[] { "alpha", "beta", "gamma" })
        {
            events.ShouldContain(e => Is(e, "step-started", service) && e.GetProperty("step").GetString() == "host-script");
            events.ShouldContain(e => Is(e, "step-finished", service));
            events.ShouldContain(e => Is(e, "service-finished", service));
        }

        events.ShouldContain(e => Is(e, "step-output", "alpha") && e.GetProperty("line").GetString() == "alpha compiles");
        var failed = events.Single(e => Is(e, "service-finished", "gamma"));
        failed.GetProperty("status").GetString().ShouldBe("failed");
        AssertFailureShown(failed.GetProperty("error").GetString()!);
        events[^1].GetProperty("type").GetString().ShouldBe("build-finished");
        events[^1].GetProperty("results").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task The_run_image_step_reports_the_bytes_it_writes_as_it_goes()
    {
        AddService("large", "head -c 9000000 /dev/zero > \"$BUILD_DIR/data\"\necho small > \"$BUILD_DIR/note\"\n");

        var build = await CybernodeCli.RunAsync(["build", _workspace.Path, "large", "--store", Store, "--progress", "json"], Token);

        build.ExitCode.ShouldBe(0, build.StandardError);
        var bytes = build.StandardOutput.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => Is(e, "step-progressed", "large") && e.GetProperty("step").GetString() == "run-image")
            .Select(e => e.GetProperty("bytes").GetInt64()).ToList();
        bytes.Count.ShouldBeGreaterThan(1);
        bytes.ShouldBeInOrder(SortDirection.Ascending);
        bytes[^1].ShouldBe(9000000 + "small\n".Length);
    }

    [Fact]
    public async Task Json_progress_goes_to_stderr_when_json_keeps_stdout_for_the_report()
    {
        var build = await CybernodeCli.RunAsync(["build", _workspace.Path, "--store", Store, "--progress", "json", "--json"], Token);

        build.ExitCode.ShouldBe(1, build.StandardError);
        var report = JsonDocument.Parse(build.StandardOutput).RootElement;
        report.GetProperty("services").GetArrayLength().ShouldBe(3);
        var events = build.StandardError.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        events.Count(e => e.GetProperty("type").GetString() == "service-finished").ShouldBe(3);
    }

    [Fact]
    public async Task Tty_on_a_dumb_terminal_with_no_color_prints_the_failure_and_a_table_without_escape_codes()
    {
        var output = await InTerminalAsync(["--progress", "tty"], term: "dumb", noColor: true);

        output.ShouldNotContain("\u001b");
        output.ShouldNotContain("alpha compiles", customMessage: "a step's own output stays in its log");
        AssertFailureShown(output);
        AssertTable(output);
    }

    [Fact]
    public async Task Auto_on_a_terminal_draws_the_live_view_in_colour_and_ends_with_the_table()
    {
        var output = await InTerminalAsync([], term: "xterm-256color", noColor: false);

        output.ShouldContain("\u001b[?25l", customMessage: "the live region hides the cursor while it redraws");
        output.ShouldMatch(AnsiCodes.Colour, "statuses are coloured");
        output.ShouldNotContain("alpha compiles");
        AssertFailureShown(output);
        AssertTable(Regex.Replace(output, AnsiCodes.Control, ""));
    }

    [Fact]
    public async Task No_color_takes_the_colours_off_the_live_view()
    {
        var output = await InTerminalAsync([], term: "xterm-256color", noColor: true);

        output.ShouldNotMatch(AnsiCodes.Colour);
        AssertTable(Regex.Replace(output, AnsiCodes.Control, ""));
    }

    public void Dispose() => _workspace.Dispose();

    private static bool Is(JsonElement e, string type, string service) =>
        e.GetProperty("type").GetString() == type && e.TryGetProperty("service", out var s) && s.GetString() == service;

    private static void AssertFailureShown(string text)
    {
        text.ShouldContain("gamma");
        text.ShouldContain("the last words of gamma");
        text.ShouldContain("gamma.build.log");
    }

    private void AssertTable(string output)
    {
        var lines = output.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        lines.ShouldContain(l => Regex.IsMatch(l, @"SERVICE\s*│\s*STATUS\s*│\s*IMAGE\s*│\s*DIGEST\s*│\s*SIZE\s*│\s*TIME"), output);
        lines.ShouldContain(l => Regex.IsMatch(l, @"alpha\s*│\s*built\s*│\s*cybernode/alpha:latest\s*│\s*sha256:[0-9a-f]{12}\s*│"), output);
        lines.ShouldContain(l => Regex.IsMatch(l, @"gamma\s*│\s*failed\s*│"), output);
        lines.ShouldContain(l => Regex.IsMatch(l, @"wall time [0-9.]+s"), output);
        lines.ShouldContain(l => Regex.IsMatch(l, $@"^3 services: 2 built, 0 cached, 1 failed in [0-9.]+s; store {Regex.Escape(Store)}$"), output);
    }

    /// <summary>The build under script(1): stdout and stderr are a terminal, as when a user types the command.</summary>
    private async Task<string> InTerminalAsync(string[] progress, string term, bool noColor)
    {
        var (program, arguments) = CybernodeCli.Command(["build", _workspace.Path, "--store", Store, .. progress]);
        var command = string.Join(' ', new[] { program }.Concat(arguments).Select(a => $"'{a.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        // A pseudo-terminal without a size is 80 columns wide: wide enough here for the table's rows to stay one line each.
        var result = await ProcessRunner.RunAsync("script", ["-qec", $"stty cols 200 rows 50; exec {command}", "/dev/null"], new ProcessOptions
        {
            Environment = CybernodeCli.Isolated(new Dictionary<string, string?> { ["TERM"] = term, ["NO_COLOR"] = noColor ? "1" : null }),
            StandardInput = "",
        }, Token);
        result.ExitCode.ShouldBe(1, result.StandardOutput + result.StandardError);
        return result.StandardOutput;
    }

    private void AddService(string name, string script)
    {
        _workspace.Write($"{name}/Dockerfile", "FROM scratch\nCOPY bin/ /app/\n");
        _workspace.Write($"{name}/01build.sh", script);
    }
}

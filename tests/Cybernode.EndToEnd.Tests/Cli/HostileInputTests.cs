using System.Diagnostics;
using System.Text.Json;
using Cybernode.Build.Tests;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// Careless and hostile input to the command line, the workspace, cybernode.yaml and the Dockerfile:
/// each gives one readable message and exit code, never a trace, a hang or unbounded memory.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Settings => Path.Combine(_workspace.Root, "cybernode.yaml");

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    public async Task A_jobs_value_that_is_not_a_positive_whole_number_is_a_usage_error(string value)
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");

        var result = await _workspace.FailingBuildAsync(Token, "--jobs", value);
        var shortForm = await _workspace.FailingBuildAsync(Token, $"-j{value}");

        result.ShouldFailCleanly(2, $"--jobs takes a whole number from 1 to 1024, not '{value}'", "see: cybernode build --help");
        shortForm.ShouldFailCleanly(2, "--jobs takes a whole number");
        StandardErrorLines(result).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Service_folders_that_make_no_valid_name_fail_alone_and_the_rest_is_built()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        string[] bad = ["UPPER", "My Service", "-dash"];
        foreach (var folder in bad)
        {
            _workspace.AddService(folder, "FROM scratch\nCOPY big.bin /data/\n");
        }

        var result = await CybernodeCli.RunAsync(["build", _workspace.Root, "--store", _workspace.Store], Token);
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, "docker's rule for a repository path component", "'.', '_', '__' or '-'");
        result.StandardOutput.ShouldContain("4 services: 1 built, 0 cached, 3 failed in ");
        foreach (var folder in bad)
        {
            result.StandardError.ShouldContain($"[{folder}] FAILED\n{Path.Combine(_workspace.Root, folder)}: the folder '{folder}' makes the service name '{folder}', which is not a valid image name");
        }

        images.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString())
            .ShouldBe([$"{SmallWorkspace.SeedImage}:latest", "cybernode/svc-app:latest"], ignoreOrder: true);
    }

    [Fact]
    public async Task With_dry_run_and_json_the_rejected_folders_are_listed_as_failed_beside_the_plan()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        _workspace.AddService("UPPER", "FROM scratch\nCOPY big.bin /data/\n");

        var text = await _workspace.FailingBuildAsync(Token, "--dry-run");
        var json = await _workspace.FailingBuildAsync(Token, "--dry-run", "--json");
        var built = await _workspace.RunLeavingStoreUnchangedAsync(["build", _workspace.Root, "--store", _workspace.Store, "--json", "UPPER"], Token);

        text.ShouldFailCleanly(1, "[UPPER] FAILED", "not a valid image name");
        text.StandardOutput.ShouldContain("# svc-app: cybernode/svc-app:latest");
        json.ShouldFailCleanly(1, "[UPPER] FAILED");
        using (var plan = JsonDocument.Parse(json.StandardOutput))
        {
            var services = plan.RootElement.GetProperty("services").EnumerateArray().ToList();
            services.Select(s => s.GetProperty("name").GetString()).ShouldBe(["UPPER", "svc-app"]);
            services[0].GetProperty("error").GetString()!.ShouldContain("not a valid image name");
        }

        built.ShouldFailCleanly(1, "not a valid image name");
        using var report = JsonDocument.Parse(built.StandardOutput);
        var only = report.RootElement.GetProperty("services").EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("status").GetString().ShouldBe("failed");
    }

    [Fact]
    public async Task A_folder_name_with_a_newline_or_an_escape_is_reported_escaped_on_one_line()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        _workspace.AddService("two\nlines\u001b[2J", "FROM scratch\nCOPY big.bin /data/\n");

        var result = await CybernodeCli.RunAsync(["build", _workspace.Root, "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, "[two\\x0alines\\x1b[2J] FAILED", "the folder 'two\\x0alines\\x1b[2J' makes");
        result.StandardError.ShouldNotContain("\u001b");
    }

    [Theory]
    [InlineData("namespace: [a, b]\n", 1, "expected a plain value, not a list")]
    [InlineData("namespace:\n  a: b\n", 2, "expected a plain value, not a mapping")]
    [InlineData("[a, b]: x\n", 1, "a key is a list")]
    [InlineData("tags: {a: b}\n", 1, "expected a list, not a mapping")]
    [InlineData("services:\n  svc-app:\n    cache:\n      go: {a: b}\n", 4, "expected a plain value, not a mapping")]
    public async Task A_setting_of_the_wrong_kind_is_refused_at_its_line(string yaml, int line, string message)
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        File.WriteAllText(Settings, yaml);

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{Settings}:{line}: {message}", "hint: ");
        StandardErrorLines(result).Length.ShouldBe(2);
    }

    [Fact]
    public async Task A_settings_file_nested_fifty_thousand_levels_deep_is_refused_at_its_line()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        File.WriteAllText(Settings, "namespace: x\ntags: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var result = await _workspace.FailingBuildAsync(Token, "--dry-run");

        result.ShouldFailCleanly(1, $"{Settings}:2: nested more than 32 levels deep", "hint: ");
    }

    [Fact]
    public async Task A_settings_file_that_is_a_fifo_a_folder_a_device_or_huge_is_refused_without_waiting()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        var cases = new (Action Make, string Message)[]
        {
            (() => SpecialFiles.MakeFifo(Settings), "is a FIFO (named pipe), not a regular file"),
            (() => Directory.CreateDirectory(Settings), "is a folder, not a file"),
            (() => File.CreateSymbolicLink(Settings, "/dev/zero"), "is a character device, not a regular file"),
            (() => SpecialFiles.MakeSparse(Settings, 3L * 1024 * 1024 * 1024), "is larger than 1 MiB"),
        };
        foreach (var (make, message) in cases)
        {
            make();
            var clock = Stopwatch.StartNew();

            var result = await _workspace.FailingBuildAsync(Token, "--dry-run");

            result.ShouldFailCleanly(1, $"{Settings}: {message}");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
            if (Directory.Exists(Settings))
            {
                Directory.Delete(Settings);
            }
            else
            {
                File.Delete(Settings);
            }
        }
    }

    [Fact]
    public async Task A_dockerfile_that_is_a_fifo_a_device_or_100_MB_is_refused_without_waiting()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "");
        var cases = new (Action Make, string Message)[]
        {
            (() => SpecialFiles.MakeFifo(dockerfile), "is a FIFO (named pipe), not a regular file"),
            (() => File.CreateSymbolicLink(dockerfile, "/dev/zero"), "is a character device, not a regular file"),
            (() => SpecialFiles.MakeSparse(dockerfile, 100L * 1000 * 1000), "is larger than 16 MiB"),
        };
        foreach (var (make, message) in cases)
        {
            File.Delete(dockerfile);
            make();

            var result = await _workspace.FailingBuildAsync(Token);

            result.ShouldFailCleanly(1, $"{dockerfile}: {message}", "hint: ");
        }
    }

    [Fact]
    public async Task A_five_megabyte_line_with_escape_bytes_gives_a_short_escaped_message()
    {
        await _workspace.SeedStoreAsync(Token);
        // A physical line holds at most 64 Ki characters; continuations make one 5 MB COPY source.
        var source = "\u001b]0;owned\u0007\u001b(B" + string.Concat(Enumerable.Repeat(new string('x', 60_000) + "\\\n", 84)) + "end";
        var dockerfile = _workspace.AddService("svc/app", $"FROM scratch\nCOPY big.bin /data/\nCOPY {source} /x\n");

        var result = await _workspace.FailingBuildAsync(Token);
        var json = await _workspace.FailingBuildAsync(Token, "--json");

        result.ShouldFailCleanly(1, $"{dockerfile}:3: COPY", "\\x1b]0;owned\\x07\\x1b(Bxxx", "more characters)");
        result.StandardError.Length.ShouldBeLessThan(4000);
        result.StandardError.ShouldNotContain("\u001b");
        result.StandardError.ShouldNotContain("\u0007");
        json.StandardOutput.Length.ShouldBeLessThan(4000);
        using var report = JsonDocument.Parse(json.StandardOutput);
        report.RootElement.GetProperty("services")[0].GetProperty("error").GetString()!.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task A_copy_source_with_an_unclosed_bracket_is_refused_at_its_line()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\nCOPY a[bc /x/\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{dockerfile}:3: COPY: source 'a[bc' is not a valid pattern: syntax error in pattern", "hint: ");
    }

    [Fact]
    public async Task A_settings_value_with_control_bytes_is_shown_escaped()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        File.WriteAllText(Settings, "namespace: \"\\e[31mred\\r\\u009b\"\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{Settings}:1: namespace '\\x1b[31mred\\x0d\\x9b' is not a valid repository path");
        result.StandardError.ShouldNotContain("\u001b");
        result.StandardError.ShouldNotContain("\r");
    }

    [Fact]
    public async Task An_expansion_bomb_is_refused_at_its_line()
    {
        await _workspace.SeedStoreAsync(Token);
        var bomb = "FROM scratch\nENV A0=xxxxxxxxxx\n"
            + string.Concat(Enumerable.Range(1, 11).Select(n => $"ENV A{n}={string.Concat(Enumerable.Repeat($"$A{n - 1}", 10))}\n"));
        var dockerfile = _workspace.AddService("svc/app", bomb);

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{dockerfile}:8:", "longer than 1 Mi characters");
    }

    [Fact]
    public async Task A_workspace_that_is_a_file_or_missing_says_so()
    {
        var file = _workspace.Outside("plain-file");
        File.WriteAllText(file, "x");

        var isFile = await CybernodeCli.RunAsync(["build", file, "--store", _workspace.Store], Token);
        var missing = await CybernodeCli.RunAsync(["build", _workspace.Outside("nothing-here"), "--store", _workspace.Store], Token);

        isFile.ShouldFailCleanly(1, $"{file}: is a file; build takes a workspace folder or a service's folder");
        missing.ShouldFailCleanly(1, "does not exist");
    }

    [Fact]
    public async Task Building_a_service_s_Dockerfile_points_at_its_folder()
    {
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\n");

        var result = await CybernodeCli.RunAsync(["build", dockerfile, "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, $"{dockerfile}: is a file", $"hint: to build the service in that folder: cybernode build {Path.GetDirectoryName(dockerfile)}");
    }

    [Fact]
    public async Task An_unforeseen_error_prints_one_line_naming_a_report_that_holds_the_trace()
    {
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");

        var result = await CybernodeCli.RunAsync(
            ["build", _workspace.Root, "--store", _workspace.Store], Token, new Dictionary<string, string?> { ["CYBERNODE_TEST_INJECT_FAULT"] = "1" });

        result.ExitCode.ShouldBe(70, result.StandardError);
        var line = StandardErrorLines(result).ShouldHaveSingleItem();
        line.ShouldStartWith("cybernode: internal error: a fault injected by CYBERNODE_TEST_INJECT_FAULT=1 (the full report is in ");
        var logs = Path.Combine(_workspace.Root, ".cybernode", "logs");
        var report = Directory.GetFiles(logs, "crash-*.txt").ShouldHaveSingleItem();
        line.ShouldContain(report);
        var trace = File.ReadAllText(report);
        trace.ShouldContain("System.InvalidOperationException: a fault injected by CYBERNODE_TEST_INJECT_FAULT=1");
        trace.ShouldContain("   at Cybernode.Cli.CliApplication");
        result.StandardError.ShouldNotContain("   at ");
        Directory.Exists(_workspace.Store).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unforeseen_error_without_a_workspace_keeps_its_report_in_the_temp_folder()
    {
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\n");

        var result = await CybernodeCli.RunAsync(
            ["dockerfile", "dump", dockerfile], Token, new Dictionary<string, string?> { ["CYBERNODE_TEST_INJECT_FAULT"] = "1" });

        result.ExitCode.ShouldBe(70, result.StandardError);
        var line = StandardErrorLines(result).ShouldHaveSingleItem();
        var report = line[(line.IndexOf("the full report is in ", StringComparison.Ordinal) + "the full report is in ".Length)..^1];
        report.ShouldStartWith(Path.Combine(Path.GetTempPath(), "cybernode-crashes"));
        File.ReadAllText(report).ShouldContain("InvalidOperationException");
        File.Delete(report);
    }

    private static string[] StandardErrorLines(ProcessResult result) => result.StandardError.TrimEnd('\n').Split('\n');
}

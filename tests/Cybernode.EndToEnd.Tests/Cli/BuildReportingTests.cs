using System.Text.RegularExpressions;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>What `build` and `images` say happened, and what `build --dry-run` says will: the dry run pasted into a shell does what the build does.</summary>
public sealed class BuildReportingTests : IDisposable
{
    private readonly TempFolder _workspace = new("cybernode-reporting-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Store => _workspace.Combine(".cybernode", "store");

    [Fact]
    public async Task A_dry_run_that_needs_no_engine_names_none_and_runs_an_executable_01build_sh_by_its_shebang_as_the_build_does()
    {
        // bash syntax: run through sh (dash) the script fails, as the dry run used to print it.
        AddService("shebang", "#!/usr/bin/env bash\n[[ -n \"$BUILD_DIR\" ]]\necho \"ran as $(basename \"$0\") in $(basename \"$PWD\")\" > \"$BUILD_DIR/how\"\n", executable: true);
        AddService("plain", "echo plain > \"$BUILD_DIR/how\"\n", executable: false);

        var plan = await CybernodeCli.RunAsync(["build", _workspace.Path, "--dry-run", "--store", Store], Token);
        var pasted = await ProcessRunner.RunAsync("bash", ["-e", "-c", plan.StandardOutput], cancellationToken: Token);
        var byPlan = ReadOutputs();
        var build = await CybernodeCli.RunAsync(["build", _workspace.Path, "--store", Store], Token);

        plan.ExitCode.ShouldBe(0, plan.StandardError);
        plan.StandardOutput.ShouldContain("# the build (no container engine needed), service by service in build order");
        plan.StandardOutput.ShouldNotContain("loaded into");
        plan.StandardOutput.ShouldContain($"BUILD_DIR={_workspace.Combine("shebang", "bin")} ./01build.sh  # on the host");
        plan.StandardOutput.ShouldContain($"BUILD_DIR={_workspace.Combine("plain", "bin")} /bin/sh 01build.sh  # on the host");
        pasted.ExitCode.ShouldBe(0, pasted.StandardError);
        byPlan["shebang"].ShouldBe("ran as 01build.sh in shebang\n");
        build.ExitCode.ShouldBe(0, build.StandardError);
        ReadOutputs().ShouldBe(byPlan);
    }

    [Fact]
    public async Task A_build_where_nothing_changed_says_every_service_is_cached_and_how_long_it_took()
    {
        AddService("one", "echo 1 > \"$BUILD_DIR/app\"\n", executable: false);
        AddService("two", "echo 2 > \"$BUILD_DIR/app\"\n", executable: false);

        var first = await CybernodeCli.RunAsync(["build", _workspace.Path, "--store", Store], Token);
        var second = await CybernodeCli.RunAsync(["build", _workspace.Path, "--store", Store], Token);
        var json = await CybernodeCli.JsonAsync(["build", _workspace.Path, "--store", Store, "--json"], Token);

        first.ExitCode.ShouldBe(0, first.StandardError);
        LastLine(first).ShouldMatch(Summary("2 built, 0 cached"));
        second.ExitCode.ShouldBe(0, second.StandardError);
        second.StandardOutput.ShouldContain("[one] cached cybernode/one:latest sha256:");
        LastLine(second).ShouldMatch(Summary("0 built, 2 cached"));
        json.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ShouldBe(["cached", "cached"]);
    }

    [Fact]
    public async Task Images_shows_the_age_of_an_image_and_a_dash_for_one_stamped_with_the_epoch()
    {
        AddService("epoch", "echo 1 > \"$BUILD_DIR/app\"\n", executable: false);
        AddService("recent", "echo 2 > \"$BUILD_DIR/app\"\n", executable: false);
        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var epoch = await CybernodeCli.RunAsync(["build", _workspace.Path, "epoch", "--store", Store], Token);
        var recent = await CybernodeCli.RunAsync(["build", _workspace.Path, "recent", "--store", Store], Token, new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = tenMinutesAgo });
        var images = await CybernodeCli.RunAsync(["images", "--store", Store], Token);

        epoch.ExitCode.ShouldBe(0, epoch.StandardError);
        recent.ExitCode.ShouldBe(0, recent.StandardError);
        var rows = images.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Single(r => r.StartsWith("cybernode/epoch:latest ", StringComparison.Ordinal)).ShouldEndWith("  -");
        rows.Single(r => r.StartsWith("cybernode/recent:latest ", StringComparison.Ordinal)).ShouldEndWith("  10 minutes ago");
        images.StandardOutput.ShouldNotContain("1970");
    }

    public void Dispose() => _workspace.Dispose();

    private static string LastLine(ProcessResult result) => result.StandardOutput.TrimEnd('\n').Split('\n')[^1];

    private string Summary(string counts) => $"^2 services: {counts} in [0-9]+\\.[0-9]s; store {Regex.Escape(Store)}$";

    private void AddService(string name, string script, bool executable)
    {
        var folder = _workspace.Combine(name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM scratch\nCOPY bin/ /app/\n");
        var path = Path.Combine(folder, "01build.sh");
        File.WriteAllText(path, script);
        File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
    }

    private Dictionary<string, string> ReadOutputs() =>
        Directory.GetDirectories(_workspace.Path).Where(d => File.Exists(Path.Combine(d, "bin", "how")))
            .ToDictionary(d => Path.GetFileName(d), d => File.ReadAllText(Path.Combine(d, "bin", "how")));
}

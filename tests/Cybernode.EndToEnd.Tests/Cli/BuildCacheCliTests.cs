using System.Security.Cryptography;
using System.Text.Json;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// The build cache as users see it: a second build runs no 01build.sh (each script counts its runs
/// in a file outside the workspace), puts back a deleted bin/ byte for byte, and says with --explain
/// and --json why a service was built.
/// </summary>
public sealed class BuildCacheCliTests : IDisposable
{
    private readonly TempFolder _directory = new("cybernode-cache-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Workspace => _directory.Combine("ws");

    private string Store => _directory.Combine("store");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_second_build_runs_no_script_and_puts_a_deleted_bin_back_byte_for_byte()
    {
        AddService("svc");
        var first = await BuildAsync();
        first["svc"].Status.ShouldBe("built");
        first["svc"].Reason.ShouldBe("no cache entry");
        var bin = Path.Combine(Workspace, "svc", "bin");
        var before = Snapshot(bin);
        Directory.Delete(bin, recursive: true);

        var second = await BuildAsync();

        second["svc"].Status.ShouldBe("cached");
        second["svc"].Digest.ShouldBe(first["svc"].Digest);
        Runs("svc").ShouldBe(1);
        Snapshot(bin).ShouldBe(before);
    }

    [Fact]
    public async Task A_touched_file_does_not_rebuild_a_changed_one_does_and_explain_names_it()
    {
        AddService("svc");
        await BuildAsync();
        var source = Path.Combine(Workspace, "svc", "main.txt");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));
        (await BuildAsync())["svc"].Status.ShouldBe("cached");

        await File.WriteAllTextAsync(source, "changed\n", Token);
        var explained = (await CybernodeCli.RunAsync(["build", Workspace, "--store", Store, "--explain"], Token)).EnsureSuccess();

        explained.StandardOutput.ShouldContain("svc: built: files changed: 'main.txt' (modified)");
        Runs("svc").ShouldBe(2);
    }

    [Fact]
    public async Task A_build_arg_or_declared_variable_change_rebuilds_and_TERM_does_not()
    {
        AddService("svc");
        await File.WriteAllTextAsync(Path.Combine(Workspace, "cybernode.yaml"), "build_env: [FLAVOR]\n", Token);
        await BuildAsync(["--build-arg", "V=1"], new() { ["FLAVOR"] = "a", ["TERM"] = "xterm" });

        (await BuildAsync(["--build-arg", "V=1"], new() { ["FLAVOR"] = "a", ["TERM"] = "dumb", ["SSH_AUTH_SOCK"] = "/tmp/x" }))["svc"].Status.ShouldBe("cached");
        (await BuildAsync(["--build-arg", "V=2"], new() { ["FLAVOR"] = "a" }))["svc"].Reason.ShouldBe("build args changed: 'V' (modified)");
        (await BuildAsync(["--build-arg", "V=2"], new() { ["FLAVOR"] = "b" }))["svc"].Reason.ShouldBe("variables changed: 'FLAVOR' (modified)");
        Runs("svc").ShouldBe(3);
    }

    [Fact]
    public async Task No_cache_filter_and_rebuild_always_run_only_the_services_they_name()
    {
        AddService("one");
        AddService("two");
        AddService("three");
        await File.WriteAllTextAsync(Path.Combine(Workspace, "cybernode.yaml"), "services:\n  three:\n    rebuild: always\n", Token);
        await BuildAsync();

        var results = await BuildAsync(["--no-cache-filter", "one"]);

        results["one"].Reason.ShouldBe("--no-cache-filter one");
        results["two"].Status.ShouldBe("cached");
        results["three"].Reason.ShouldBe("rebuild: always in cybernode.yaml");
        (Runs("one"), Runs("two"), Runs("three")).ShouldBe((2, 1, 2));
        (await BuildAsync(["--no-cache"]))["two"].Reason.ShouldBe("--no-cache");
    }

    [Theory]
    [InlineData("services:\n  svc:\n    rebuild: sometimes\n", "cybernode.yaml:3: rebuild: 'sometimes' is neither always nor changed")]
    [InlineData("build_env:\n  - PATH\n  - 1BAD\n", "cybernode.yaml:3: '1BAD' is not an environment variable name")]
    public async Task A_wrong_cache_setting_is_named_at_its_line(string yaml, string message)
    {
        AddService("svc");
        await File.WriteAllTextAsync(Path.Combine(Workspace, "cybernode.yaml"), yaml, Token);
        var result = await CybernodeCli.RunAsync(["build", Workspace, "--store", Store], Token);
        result.ShouldFailCleanly(1, message);
        Runs("svc").ShouldBe(0);
    }

    [Fact]
    public async Task Cached_outputs_are_roots_store_verify_accepts_gc_keeps_and_images_does_not_list()
    {
        AddService("svc");
        await BuildAsync();
        await File.WriteAllTextAsync(Path.Combine(Workspace, "svc", "main.txt"), "v2\n", Token);
        await BuildAsync();

        var verify = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", Store], Token);
        verify.GetProperty("damage").GetArrayLength().ShouldBe(0);
        verify.GetProperty("stray").GetArrayLength().ShouldBe(0);
        (await CybernodeCli.RunAsync(["store", "gc", "--store", Store], Token)).EnsureSuccess();
        var collected = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", Store], Token);
        (collected.GetProperty("damage").GetArrayLength(), collected.GetProperty("orphans").GetArrayLength()).ShouldBe((0, 0));
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", Store], Token);
        images.GetProperty("images").GetArrayLength().ShouldBe(1);

        // Both results survived gc: going back to the first source is a hit, its bin/ put back from the store
        // (the run image is assembled again: the name points at the second one).
        await File.WriteAllTextAsync(Path.Combine(Workspace, "svc", "main.txt"), "hello\n", Token);
        Directory.Delete(Path.Combine(Workspace, "svc", "bin"), recursive: true);
        (await BuildAsync())["svc"].Reason.ShouldStartWith("the run image's inputs changed");
        File.ReadAllText(Path.Combine(Workspace, "svc", "bin", "app")).ShouldBe("hello\n");
        Runs("svc").ShouldBe(2);
    }

    [Fact]
    public async Task A_failing_script_caches_nothing()
    {
        AddService("svc", "exit 3\n");
        var failed = await CybernodeCli.RunAsync(["build", Workspace, "--store", Store], Token);
        failed.ExitCode.ShouldBe(1);

        await File.WriteAllTextAsync(Path.Combine(Workspace, "svc", "01build.sh"), Script("svc", ""), Token);
        (await BuildAsync())["svc"].Reason.ShouldBe("no cache entry");
        Runs("svc").ShouldBe(2);
    }

    [Fact]
    public async Task Kill_9_mid_build_keeps_what_finished_and_leaves_a_usable_cache()
    {
        AddService("fast");
        AddService("slow", $"touch {_directory.Combine("slow-started")}\nsleep 60\n");
        using (var running = RunningCli.Start(["build", Workspace, "--store", Store, "-j", "2"]))
        {
            // The fast service's result is stored the moment its script succeeds, long before the build ends.
            await WaitForAsync(() => File.Exists(_directory.Combine("slow-started")) && File.ReadAllText(Path.Combine(Store, "index.json")).Contains("fast/HostScript", StringComparison.Ordinal));
            running.Signal("KILL");
            await running.WaitAsync(TimeSpan.FromSeconds(30), Token);
        }

        var verify = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", Store], Token);
        verify.GetProperty("damage").GetArrayLength().ShouldBe(0);
        await File.WriteAllTextAsync(Path.Combine(Workspace, "slow", "01build.sh"), Script("slow", ""), Token);

        var results = await BuildAsync();

        // The kill may have come before fast's run image was written: its script is what must not run again.
        results["fast"].Status.ShouldNotBe("failed");
        results["slow"].Status.ShouldBe("built");
        Runs("fast").ShouldBe(1);
    }

    /// <summary>A host-built service whose 01build.sh counts its runs outside the workspace, then copies main.txt and more into bin/.</summary>
    private void AddService(string name, string extra = "")
    {
        var folder = Path.Combine(Workspace, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "main.txt"), "hello\n");
        File.WriteAllText(Path.Combine(folder, "01build.sh"), Script(name, extra));
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM scratch\nCOPY bin/ /app/\n");
    }

    private string Script(string name, string extra) =>
        $"echo run >> {_directory.Combine($"runs-{name}")}\n{extra}"
        + "cp main.txt \"$BUILD_DIR/app\"\nchmod 750 \"$BUILD_DIR/app\"\nmkdir -p \"$BUILD_DIR/empty\" \"$BUILD_DIR/lib\"\n"
        + "head -c 100000 /dev/urandom > \"$BUILD_DIR/lib/data.bin\"\nln -s lib/data.bin \"$BUILD_DIR/link\"\n";

    private int Runs(string name) => File.Exists(_directory.Combine($"runs-{name}")) ? File.ReadAllLines(_directory.Combine($"runs-{name}")).Length : 0;

    private async Task<Dictionary<string, (string Status, string? Reason, string? Digest)>> BuildAsync(string[]? arguments = null, Dictionary<string, string?>? environment = null)
    {
        var output = await CybernodeCli.JsonAsync(["build", Workspace, "--json", "--store", Store, .. arguments ?? []], Token, environment);
        return output.GetProperty("services").EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString()!,
            s => (s.GetProperty("status").GetString()!, s.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null, s.GetProperty("digest").GetString()));
    }

    /// <summary>Every entry below the folder: kind, mode, link target or content digest and mtime.</summary>
    private static List<string> Snapshot(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
        {
            var info = new FileInfo(path);
            var relative = Path.GetRelativePath(folder, path);
            return info.LinkTarget is not null ? $"{relative} -> {info.LinkTarget}"
                : Directory.Exists(path) ? $"{relative}/ {File.GetUnixFileMode(path)}"
                : $"{relative} {File.GetUnixFileMode(path)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))} {info.LastWriteTimeUtc.Ticks}";
        })];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100, Token);
        }

        condition().ShouldBeTrue("the build did not get there within 30 s");
    }
}

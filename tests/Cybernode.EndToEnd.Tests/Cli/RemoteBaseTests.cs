using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// A service FROM an image in a real registry (distribution 2.8 on 127.0.0.1): pulled on demand,
/// locked in cybernode.lock, built again with the registry stopped, followed with --pull always,
/// re-resolved by `cybernode update`; and what a user sees when it cannot be had.
/// </summary>
public sealed class RemoteBaseTests : IAsyncLifetime
{
    private const string Repository = "team/base";
    private readonly TempFolder _directory = new("cybernode-remote-base-");
    private RegistryServer _registry = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Workspace => _directory.Combine("ws");

    private string Layout => _directory.Combine("layout");

    private string Store => Path.Combine(Workspace, ".cybernode", "store");

    private string LockPath => Path.Combine(Workspace, "cybernode.lock");

    private string Base => $"{_registry.Host}/{Repository}:1";

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(Token);
        await BusyboxImage.CreateAsync(Layout, "v1", Token);
        // A second image that differs only in its config: the tag will be moved to it.
        await Umoci.RunAsync(["config", "--image", $"{Layout}:v1", "--tag", "v2", "--config.env", "MOVED=1"], Token);
        Directory.CreateDirectory(Workspace);
        File.WriteAllText(Path.Combine(Workspace, "cybernode.yaml"), "namespace: team\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _directory.Dispose();
    }

    private string AddService(string name, string from)
    {
        var folder = Path.Combine(Workspace, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "hello"), $"hello from {name}\n");
        var dockerfile = Path.Combine(folder, "Dockerfile");
        File.WriteAllText(dockerfile, $"FROM {from}\nCOPY hello /hello\n");
        return dockerfile;
    }

    private Task PushAsync(string layoutTag) => _registry.CopyInAsync(Layout, layoutTag, Repository, "1", Token);

    private async Task<string> RegistryDigestAsync() =>
        JsonDocument.Parse(await RegistryServer.SkopeoAsync(["inspect", "--tls-verify=false", $"docker://{Base}"], Token)).RootElement.GetProperty("Digest").GetString()!;

    private Task<ProcessResult> CliAsync(params string[] arguments) => CybernodeCli.RunAsync(arguments, Token, workingDirectory: Workspace);

    /// <summary>Builds app FROM the base at v1 (locking it), then moves the registry's tag to v2; the two digests.</summary>
    private async Task<(string Old, string Moved)> LockThenMoveTheTagAsync()
    {
        await PushAsync("v1");
        AddService("app", Base);
        (await CliAsync("build")).EnsureSuccess();
        var old = await RegistryDigestAsync();
        await PushAsync("v2");
        var moved = await RegistryDigestAsync();
        moved.ShouldNotBe(old);
        return (old, moved);
    }

    private IEnumerable<string> LockLines() => File.ReadAllLines(LockPath).Where(l => !l.StartsWith('#'));

    [Fact]
    public async Task A_build_from_a_registry_image_pulls_and_locks_it_then_builds_again_from_the_lock_with_the_registry_stopped()
    {
        await PushAsync("v1");
        AddService("app", Base);
        var digest = await RegistryDigestAsync();

        var first = (await CliAsync("build")).EnsureSuccess();

        first.StandardOutput.ShouldContain($"[app] pulling {Base} (linux/amd64) {digest} from {_registry.Host}");
        LockLines().ShouldBe([$"{Base} linux/amd64 {digest}"]);
        File.ReadAllText(LockPath).ShouldStartWith("# cybernode.lock");
        File.ReadAllText(LockPath).ShouldContain("cybernode update");

        await _registry.StopAsync();
        File.WriteAllText(Path.Combine(Workspace, "app", "hello"), "changed while the registry is down\n");
        var offline = (await CliAsync("build")).EnsureSuccess();

        offline.StandardOutput.ShouldContain("1 built");
        offline.StandardOutput.ShouldNotContain("pulling");
        LockLines().ShouldBe([$"{Base} linux/amd64 {digest}"]);
        var exported = _directory.Combine("app.tar");
        (await CliAsync("export", "team/app", "-o", exported, "--format", "oci-archive")).EnsureSuccess();
        var config = JsonDocument.Parse(await Skopeo.ConfigAsync($"oci-archive:{exported}", Token)).RootElement;
        config.GetProperty("config").GetProperty("Cmd")[0].GetString().ShouldBe("/bin/sh");
    }

    [Fact]
    public async Task Pull_always_follows_a_moved_tag_rewrites_the_lock_and_names_the_base_while_the_default_keeps_the_locked_digest()
    {
        var (old, moved) = await LockThenMoveTheTagAsync();

        var kept = (await CliAsync("build")).EnsureSuccess();
        kept.StandardOutput.ShouldContain("1 cached");
        LockLines().ShouldBe([$"{Base} linux/amd64 {old}"]);

        var always = (await CliAsync("build", "--pull", "always")).EnsureSuccess();

        always.StandardOutput.ShouldContain($"[app] base {Base} (linux/amd64) moved: {old} -> {moved}; cybernode.lock updated");
        always.StandardOutput.ShouldContain("1 built");
        LockLines().ShouldBe([$"{Base} linux/amd64 {moved}"]);
    }

    [Fact]
    public async Task Build_json_reports_each_base_it_locks_and_each_tag_move_with_the_service_that_names_it()
    {
        await PushAsync("v1");
        AddService("app", Base);
        var locked = await RegistryDigestAsync();

        var first = await CybernodeCli.JsonAsync(["build", Workspace, "--json"], Token);

        var newly = first.GetProperty("bases").EnumerateArray().ShouldHaveSingleItem();
        newly.GetProperty("service").GetString().ShouldBe("app");
        newly.GetProperty("reference").GetString().ShouldBe(Base);
        newly.GetProperty("platform").GetString().ShouldBe("linux/amd64");
        newly.TryGetProperty("old", out _).ShouldBeFalse("a newly locked base had no digest before");
        newly.GetProperty("new").GetString().ShouldBe(locked);

        await PushAsync("v2");
        var moved = await RegistryDigestAsync();
        var again = await CybernodeCli.JsonAsync(["build", Workspace, "--json", "--pull", "always"], Token);

        var move = again.GetProperty("bases").EnumerateArray().ShouldHaveSingleItem();
        move.GetProperty("service").GetString().ShouldBe("app");
        move.GetProperty("old").GetString().ShouldBe(locked);
        move.GetProperty("new").GetString().ShouldBe(moved);
        LockLines().ShouldBe([$"{Base} linux/amd64 {moved}"]);

        var unchanged = await CybernodeCli.JsonAsync(["build", Workspace, "--json"], Token);
        unchanged.GetProperty("bases").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Update_re_resolves_the_bases_prints_what_moved_and_rewrites_the_lock()
    {
        var (old, moved) = await LockThenMoveTheTagAsync();

        var update = (await CliAsync("update", Base)).EnsureSuccess();

        update.StandardOutput.ShouldContain($"{Base} (linux/amd64) moved: {old} -> {moved}");
        update.StandardOutput.ShouldContain("1 of 1 base changed, lock rewritten");
        LockLines().ShouldBe([$"{Base} linux/amd64 {moved}"]);

        var json = await CybernodeCli.JsonAsync(["update", "--json", "-w", Workspace], Token);
        var only = json.GetProperty("bases").EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("reference").GetString().ShouldBe(Base);
        only.GetProperty("new").GetString().ShouldBe(moved);
        only.GetProperty("changed").GetBoolean().ShouldBeFalse();

        (await CliAsync("update", "debian:12")).ShouldFailCleanly(1, "'debian:12' is not a remote base of this workspace", $"hint: its remote bases: {Base}");
    }

    [Fact]
    public async Task An_image_imported_under_the_name_and_absent_from_the_lock_is_used_as_it_is()
    {
        AddService("app", Base);
        await _registry.StopAsync();
        (await CliAsync("import", $"oci:{Layout}:v1", Base)).EnsureSuccess();

        var built = (await CliAsync("build")).EnsureSuccess();

        built.StandardOutput.ShouldContain("1 built");
        File.Exists(LockPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Pull_never_with_a_base_not_in_the_store_fails_naming_it_and_builds_nothing()
    {
        await PushAsync("v1");
        var dockerfile = AddService("app", Base);

        var result = await CliAsync("build", "--pull", "never");

        result.ShouldFailCleanly(1, $"{dockerfile}:1: base image '{Base}' is not in the store", "without --pull never");
        File.Exists(LockPath).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unreachable_registry_with_nothing_locked_is_one_line_naming_the_base_its_line_and_the_registry()
    {
        var dockerfile = AddService("app", Base);
        await _registry.StopAsync();

        var result = await CliAsync("build");

        result.ShouldFailCleanly(1, $"{dockerfile}:1: base image '{Base}' cannot be pulled: ", _registry.Host);
        result.StandardError.Split('\n').Count(l => l.Contains("cannot be pulled")).ShouldBe(1);
        result.StandardOutput.ShouldContain("0 built");
        File.Exists(LockPath).ShouldBeFalse();
        Directory.Exists(Path.Combine(Workspace, "app", "bin")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_malformed_lock_line_is_one_error_naming_cybernode_lock_and_its_line()
    {
        await PushAsync("v1");
        AddService("app", Base);
        (await CliAsync("build")).EnsureSuccess();
        File.AppendAllText(LockPath, $"{Base} linux/amd64 sha256:not-a-digest\n");

        var result = await CliAsync("build");

        result.ShouldFailCleanly(1, $"{LockPath}:4: not a locked base");
    }

    [Fact]
    public async Task The_dry_run_shows_what_would_be_pulled_and_from_where_without_pulling()
    {
        await PushAsync("v1");
        AddService("app", Base);

        var result = (await CliAsync("build", "--dry-run")).EnsureSuccess();

        result.StandardOutput.ShouldContain($"# pull {Base} (linux/amd64) from {_registry.Host}: resolve the tag");
        File.Exists(LockPath).ShouldBeFalse();
        Directory.Exists(Path.Combine(Store, "blobs")).ShouldBeFalse();
        var plan = await CybernodeCli.JsonAsync(["build", Workspace, "--dry-run", "--json"], Token);
        var pull = plan.GetProperty("pulls").EnumerateArray().ShouldHaveSingleItem();
        pull.GetProperty("registry").GetString().ShouldBe(_registry.Host);
        pull.GetProperty("action").GetString().ShouldBe("resolve");
    }

    [Fact]
    public async Task Two_builds_at_once_each_lock_their_base_in_one_whole_file()
    {
        await PushAsync("v1");
        await _registry.CopyInAsync(Layout, "v2", "team/other", "2", Token);
        AddService("first", Base);
        AddService("second", $"{_registry.Host}/team/other:2");

        var builds = await Task.WhenAll(CliAsync("build", "first"), CliAsync("build", "second"));

        builds.ShouldAllBe(b => b.ExitCode == 0);
        LockLines().Select(l => l.Split(' ')[0]).ShouldBe([Base, $"{_registry.Host}/team/other:2"]);
    }
}

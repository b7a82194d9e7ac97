using System.Text.Json;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>pull, push, and import/export through docker://, as users see them, against distribution 2.8.</summary>
public sealed class RegistryCliTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_then_pull_keep_the_digest_and_a_second_push_uploads_nothing()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token);
        var target = $"{registry.Host}/team/seed:v1";
        var digest = await StoreDigestAsync(workspace.Store);

        var first = await CybernodeCli.JsonAsync(["push", SmallWorkspace.SeedImage, target, "--json", "--store", workspace.Store], Token);
        var again = await CybernodeCli.JsonAsync(["push", SmallWorkspace.SeedImage, target, "--json", "--store", workspace.Store], Token);
        var pulledStore = workspace.Outside("pulled");
        var pulled = await CybernodeCli.JsonAsync(["pull", target, "--json", "--store", pulledStore], Token);

        first.GetProperty("digest").GetString().ShouldBe(digest);
        first.GetProperty("blobs").GetProperty("uploaded").GetInt32().ShouldBe(2);
        first.GetProperty("bytes").GetInt64().ShouldBeGreaterThan(256 * 1024);
        again.GetProperty("blobs").GetProperty("uploaded").GetInt32().ShouldBe(0);
        again.GetProperty("blobs").GetProperty("existing").GetInt32().ShouldBe(2);
        again.GetProperty("bytes").GetInt64().ShouldBe(0);
        using (var inspect = JsonDocument.Parse(await RegistryServer.SkopeoAsync(["inspect", "--tls-verify=false", $"docker://{target}"], Token)))
        {
            inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(digest);
        }

        pulled.GetProperty("digest").GetString().ShouldBe(digest);
        pulled.GetProperty("name").GetString().ShouldBe(target);
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", pulledStore], Token);
        images.GetProperty("images").EnumerateArray().Single().GetProperty("digest").GetString().ShouldBe(digest);
    }

    [Fact]
    public async Task Push_and_pull_print_one_line_each()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token);
        var target = $"{registry.Host}/team/seed:v1";

        var push = (await CybernodeCli.RunAsync(["push", SmallWorkspace.SeedImage, target, "--store", workspace.Store], Token)).EnsureSuccess();
        var pull = (await CybernodeCli.RunAsync(["pull", target, "--store", workspace.Outside("pulled")], Token)).EnsureSuccess();

        push.StandardOutput.ShouldStartWith($"pushed {SmallWorkspace.SeedImage}:latest to {target} (sha256:");
        push.StandardOutput.ShouldContain("2 blobs uploaded");
        pull.StandardOutput.ShouldStartWith($"pulled {target} (sha256:");
        pull.StandardOutput.ShouldContain("1 layer fetched");
    }

    [Fact]
    public async Task Export_to_docker_pushes_and_import_from_docker_pulls()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token);
        var digest = await StoreDigestAsync(workspace.Store);

        var exported = await CybernodeCli.JsonAsync(["export", SmallWorkspace.SeedImage, "-o", $"docker://{registry.Host}/team/exported:v2", "--json", "--store", workspace.Store], Token);
        var imported = await CybernodeCli.JsonAsync(["import", $"docker://{registry.Host}/team/exported:v2", "local/copy:v2", "--json", "--store", workspace.Outside("imported")], Token);

        exported.GetProperty("digest").GetString().ShouldBe(digest);
        imported.GetProperty("digest").GetString().ShouldBe(digest);
        imported.GetProperty("name").GetString().ShouldBe("local/copy:v2");
    }

    [Fact]
    public async Task An_unknown_tag_fails_in_one_line_and_leaves_the_store_as_it_was()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token);

        var result = await workspace.RunLeavingStoreUnchangedAsync(["pull", $"{registry.Host}/team/none:v9", "--store", workspace.Store], Token);

        result.ShouldFailCleanly(1, $"cybernode: reading manifest {registry.Host}/team/none:v9: not found on {registry.Host} (404: MANIFEST_UNKNOWN: manifest unknown)", "hint: check the repository name");
    }

    [Fact]
    public async Task A_stopped_registry_is_named_with_a_hint()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token);
        await registry.StopAsync();

        var pull = await workspace.RunLeavingStoreUnchangedAsync(["pull", $"{registry.Host}/team/seed:v1", "--store", workspace.Store], Token);
        var push = await workspace.RunLeavingStoreUnchangedAsync(["push", SmallWorkspace.SeedImage, $"{registry.Host}/team/seed:v1", "--store", workspace.Store], Token);

        pull.ShouldFailCleanly(1, $"cannot connect to {registry.Host}: connection refused", "hint: is the registry running");
        push.ShouldFailCleanly(1, $"cannot connect to {registry.Host}: connection refused");
    }

    [Fact]
    public async Task A_corrupt_layer_is_refused_in_one_line_and_nothing_is_stored()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token);
        (await CybernodeCli.RunAsync(["push", SmallWorkspace.SeedImage, $"{registry.Host}/team/seed:v1", "--store", workspace.Store], Token)).EnsureSuccess();
        await using var proxy = FaultProxy.Start(registry.Host);
        proxy.Add(FaultProxy.Kind.FlipByte, "GET", "/blobs/sha256:", times: 1000);

        var result = await workspace.RunLeavingStoreUnchangedAsync(["pull", $"{proxy.Host}/team/seed:v1", "--store", workspace.Store], Token);

        result.ShouldFailCleanly(1, $"in {proxy.Host}/team/seed is corrupt: its content hashes to sha256:");
        result.StandardError.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Pull_takes_the_platform_asked_for_from_an_index()
    {
        using var workspace = new SmallWorkspace();
        await using var registry = await RegistryServer.StartAsync(Token);
        var layout = workspace.Outside("layout");
        await WriteTwoPlatformLayoutAsync(layout);
        await registry.CopyInAsync(layout, "multi:1", "team/multi", "v1", Token, all: true);

        var amd = await CybernodeCli.JsonAsync(["pull", $"{registry.Host}/team/multi:v1", "--platform", "linux/amd64", "--json", "--store", workspace.Outside("amd")], Token);
        var arm = await CybernodeCli.JsonAsync(["pull", $"{registry.Host}/team/multi:v1", "--platform", "linux/arm64", "--json", "--store", workspace.Outside("arm")], Token);
        var none = await CybernodeCli.RunAsync(["pull", $"{registry.Host}/team/multi:v1", "--platform", "linux/s390x", "--store", workspace.Outside("none")], Token);

        amd.GetProperty("platform").GetString().ShouldBe("linux/amd64");
        arm.GetProperty("platform").GetString().ShouldBe("linux/arm64");
        amd.GetProperty("root").GetString().ShouldBe(arm.GetProperty("root").GetString());
        amd.GetProperty("digest").GetString().ShouldNotBe(arm.GetProperty("digest").GetString());
        var armInspect = await CybernodeCli.JsonAsync(["inspect", $"{registry.Host}/team/multi:v1", "--json", "--store", workspace.Outside("arm")], Token);
        armInspect.GetProperty("config").GetProperty("architecture").GetString().ShouldBe("arm64");
        none.ShouldFailCleanly(1, "has no image for linux/s390x: it offers linux/amd64, linux/arm64", "hint: choose one of those with --platform");
    }

    [Theory]
    [InlineData("--platform", "linux", "'linux' is not a platform: use os/arch[/variant]")]
    [InlineData("--platform", "linux/amd64/v1/x", "is not a platform")]
    public async Task A_malformed_platform_is_a_command_line_error(string option, string value, string message)
    {
        var result = await CybernodeCli.RunAsync(["pull", "127.0.0.1:1/team/x:v1", option, value], Token);

        result.ShouldFailCleanly(2, message);
    }

    [Fact]
    public async Task A_malformed_reference_is_refused_before_any_request()
    {
        var result = await CybernodeCli.RunAsync(["pull", "127.0.0.1:1/Team/X:v1"], Token);

        result.ShouldFailCleanly(1, "is not a valid image reference", "hint: name an image as");
    }

    private static async Task WriteTwoPlatformLayoutAsync(string layout)
    {
        using var store = await OciLayoutStore.OpenAsync(layout, Token);
        await RandomImage.WriteIndexAsync(store, "multi:1", 9, [Platform.LinuxAmd64, new Platform("arm64", "linux")], Token);
    }

    private static async Task<string> StoreDigestAsync(string store)
    {
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", store], Token);
        return images.GetProperty("images").EnumerateArray().Single().GetProperty("digest").GetString()!;
    }
}

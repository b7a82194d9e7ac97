using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// rmi, tag, du and prune through the native CLI on a real store, checked against the files of the
/// store, skopeo and store verify: what users see and what is really left on disk.
/// </summary>
public sealed class StoreLifecycleTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Store => _workspace.Store;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Rmi_removes_the_name_and_keeps_the_blobs_until_store_gc_frees_those_only_it_used()
    {
        var digests = await BuildTwoServicesAsync();
        var blobsBefore = BlobFiles();

        var rmi = (await CliAsync("rmi", "cybernode/a")).EnsureSuccess();

        rmi.StandardOutput.ShouldContain($"untagged: cybernode/a:latest ({digests["a"]})");
        rmi.StandardOutput.ShouldContain("cybernode store gc frees them");
        BlobFiles().ShouldBe(blobsBefore);
        (await ImageNamesAsync()).ShouldBe(["cybernode/b:latest"]);

        var gc = await CybernodeCli.JsonAsync(["store", "gc", "--json", "--store", Store], Token);

        var left = BlobFiles();
        var freed = blobsBefore.Except(left).ToList();
        freed.Count.ShouldBe(3, "a's manifest, config and own layer");
        freed.ShouldContain(digests["a"]["sha256:".Length..]);
        gc.GetProperty("bytes").GetInt64().ShouldBeGreaterThan(0);
        (await CliAsync("store", "verify")).EnsureSuccess().StandardOutput.ShouldContain("ok: ");
        (await Skopeo.ManifestAsync($"oci:{Store}:cybernode/b:latest", Token)).ShouldContain("layers");
    }

    [Fact]
    public async Task Rmi_prune_frees_the_blobs_at_once()
    {
        await BuildTwoServicesAsync();

        var rmi = await CybernodeCli.JsonAsync(["rmi", "b", "--prune", "--json", "--store", Store, "-w", _workspace.Root], Token);

        rmi.GetProperty("untagged")[0].GetProperty("name").GetString().ShouldBe("cybernode/b:latest");
        rmi.GetProperty("gc").GetProperty("blobs").GetArrayLength().ShouldBe(3);
        (await CybernodeCli.JsonAsync(["du", "--json", "--store", Store], Token)).GetProperty("unreferencedBytes").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Rmi_of_an_unknown_name_fails_naming_it_and_removes_nothing()
    {
        await BuildTwoServicesAsync();

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["rmi", "cybernode/a", "cybernode/nope:1", "--store", Store], Token);

        result.ShouldFailCleanly(1, "no image 'cybernode/nope:1' in the store", "hint: list what is there with: cybernode images");
        result.StandardError.ShouldNotContain("'cybernode/a'");
    }

    [Fact]
    public async Task Rmi_by_digest_of_an_image_with_two_names_needs_force_then_removes_both()
    {
        var digests = await BuildTwoServicesAsync();
        (await CliAsync("tag", "cybernode/a", "cybernode/a:v2")).EnsureSuccess();

        var refused = await _workspace.RunLeavingStoreUnchangedAsync(["rmi", digests["a"][..19], "--store", Store], Token);
        var forced = (await CliAsync("rmi", digests["a"][..19], "--force")).EnsureSuccess();

        refused.ShouldFailCleanly(1, "is the image of 2 names: cybernode/a:latest, cybernode/a:v2", "--force");
        forced.StandardOutput.ShouldContain("untagged: cybernode/a:latest");
        forced.StandardOutput.ShouldContain("untagged: cybernode/a:v2");
        (await ImageNamesAsync()).ShouldBe(["cybernode/b:latest"]);
    }

    [Fact]
    public async Task Tag_names_the_same_manifest_as_skopeo_reads_it()
    {
        var digests = await BuildTwoServicesAsync();

        (await CliAsync("tag", "cybernode/a", "registry.lan:5000/team/a:v1")).EnsureSuccess().StandardOutput.ShouldBeEmpty();
        (await CliAsync("tag", digests["b"][..19], "b2")).EnsureSuccess();

        (await SkopeoDigestAsync("registry.lan:5000/team/a:v1")).ShouldBe(digests["a"]);
        (await SkopeoDigestAsync("b2:latest")).ShouldBe(digests["b"]);
        (await ImageNamesAsync()).ShouldBe(["b2:latest", "cybernode/a:latest", "cybernode/b:latest", "registry.lan:5000/team/a:v1"]);
    }

    [Theory]
    [InlineData("cybernode/nope", "cybernode/x:1", "no image 'cybernode/nope' in the store")]
    [InlineData("cybernode/a", "Bad/Name", "'Bad/Name' is not a valid image name")]
    [InlineData("cybernode/a", "x@sha256:0123456789012345678901234567890123456789012345678901234567890123", "holds a digest")]
    public async Task Tag_with_a_bad_source_or_destination_fails_in_one_line_and_changes_nothing(string source, string destination, string message)
    {
        await BuildTwoServicesAsync();

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["tag", source, destination, "--store", Store], Token);

        result.ShouldFailCleanly(1, message);
    }

    [Fact]
    public async Task Du_splits_each_image_into_shared_and_unique_bytes_and_its_totals_are_the_store_s_blob_bytes()
    {
        await BuildTwoServicesAsync();
        (await CliAsync("tag", "a", "cybernode/a:v2", "-w", _workspace.Root)).EnsureSuccess();

        var du = await CybernodeCli.JsonAsync(["du", "--json", "--store", Store], Token);
        var text = (await CliAsync("du")).EnsureSuccess().StandardOutput;

        var onDisk = Directory.EnumerateFiles(Path.Combine(Store, "blobs", "sha256")).Sum(f => new FileInfo(f).Length);
        du.GetProperty("totalBytes").GetInt64().ShouldBe(onDisk);
        (du.GetProperty("imageBytes").GetInt64() + du.GetProperty("otherRootBytes").GetInt64() + du.GetProperty("unreferencedBytes").GetInt64()).ShouldBe(onDisk);
        var images = du.GetProperty("images").EnumerateArray().ToList();
        images.Count.ShouldBe(2, "one row per image, its names together");
        images[0].GetProperty("names").EnumerateArray().Select(n => n.GetString()).ShouldBe(["cybernode/a:latest", "cybernode/a:v2"]);
        var big = LayerSize(images[0]);
        foreach (var image in images)
        {
            image.GetProperty("shared").GetInt64().ShouldBe(big, "the big.bin layer both images start with");
            (image.GetProperty("shared").GetInt64() + image.GetProperty("unique").GetInt64()).ShouldBe(image.GetProperty("size").GetInt64());
        }

        text.ShouldContain("cybernode/a:latest");
        text.Split('\n').ShouldContain(line => line.StartsWith("cybernode/a:v2 ", StringComparison.Ordinal) && line.EndsWith("  (same image)", StringComparison.Ordinal));
        text.ShouldContain($"in {du.GetProperty("blobs").GetInt32()} blobs");
    }

    [Fact]
    public async Task Prune_dry_run_lists_a_deleted_service_s_image_and_its_bytes_and_changes_nothing()
    {
        await BuildTwoServicesAsync();
        var unique = (await CybernodeCli.JsonAsync(["du", "--json", "--store", Store], Token)).GetProperty("images")[1].GetProperty("unique").GetInt64();
        Directory.Delete(Path.Combine(_workspace.Root, "b"), recursive: true);

        var json = await _workspace.RunLeavingStoreUnchangedAsync(["prune", _workspace.Root, "--dry-run", "--json", "--store", Store], Token);
        var text = await _workspace.RunLeavingStoreUnchangedAsync(["prune", _workspace.Root, "--dry-run", "--store", Store], Token);

        using var report = JsonDocument.Parse(json.EnsureSuccess().StandardOutput);
        report.RootElement.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        report.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["cybernode/b:latest"]);
        report.RootElement.GetProperty("bytes").GetInt64().ShouldBe(unique);
        text.EnsureSuccess().StandardOutput.ShouldContain("would remove image cybernode/b:latest");
        text.StandardOutput.ShouldContain("service b is no longer in the workspace");
        text.StandardOutput.ShouldContain("would free ");
    }

    [Fact]
    public async Task Prune_removes_a_deleted_service_s_image_and_its_blobs_and_keeps_bases_the_workspace_did_not_build()
    {
        await _workspace.SeedStoreAsync(Token);
        await BuildTwoServicesAsync();
        (await CliAsync("tag", "cybernode/b", "cybernode/b:v1")).EnsureSuccess();
        Directory.Delete(Path.Combine(_workspace.Root, "b"), recursive: true);

        var prune = await CybernodeCli.JsonAsync(["prune", _workspace.Root, "--json", "--store", Store], Token);

        prune.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order().ShouldBe(["cybernode/b:latest", "cybernode/b:v1"]);
        prune.GetProperty("gc").GetProperty("blobs").GetArrayLength().ShouldBe(3);
        (await ImageNamesAsync()).ShouldBe(["cybernode/a:latest", SmallWorkspace.SeedImage + ":latest"]);
        (await CliAsync("store", "verify")).EnsureSuccess().StandardOutput.ShouldContain(" 0 orphans");

        var again = await CybernodeCli.JsonAsync(["prune", _workspace.Root, "--json", "--store", Store], Token);
        again.GetProperty("images").GetArrayLength().ShouldBe(0);
        again.GetProperty("bytes").GetInt64().ShouldBe(0);
    }

    private async Task<IReadOnlyDictionary<string, string>> BuildTwoServicesAsync()
    {
        // Both start with the same big.bin layer; each adds a file of its own.
        _workspace.AddService("a", "FROM scratch\nCOPY big.bin /data/\nCOPY a.txt /\n", "a.txt");
        _workspace.AddService("b", "FROM scratch\nCOPY big.bin /data/\nCOPY b.txt /\n", "b.txt");
        return await CybernodeCli.BuildAsync(_workspace.Root, Store, Token);
    }

    private Task<ProcessResult> CliAsync(params string[] arguments) =>
        CybernodeCli.RunAsync([.. arguments, "--store", Store], Token);

    private async Task<IReadOnlyList<string>> ImageNamesAsync() =>
        [.. (await CybernodeCli.JsonAsync(["images", "--json", "--store", Store], Token)).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];

    private List<string> BlobFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(Store, "blobs", "sha256")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private long LayerSize(JsonElement image)
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Store, "blobs", "sha256", image.GetProperty("digest").GetString()!["sha256:".Length..])));
        return manifest.RootElement.GetProperty("layers")[0].GetProperty("size").GetInt64();
    }

    private async Task<string> SkopeoDigestAsync(string name)
    {
        using var inspected = JsonDocument.Parse((await Skopeo.RunAsync(["inspect", $"oci:{Store}:{name}"], Token)).StandardOutput);
        return inspected.RootElement.GetProperty("Digest").GetString()!;
    }
}

using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// The workspace is found the way git finds a repository: from any folder inside it, build, images,
/// inspect and export work on it and its store; a folder with a cybernode.yaml of its own stays a
/// workspace apart.
/// </summary>
public sealed class WorkspaceDiscoveryTests : IDisposable
{
    private readonly TempFolder _directory = new("cybernode-discovery-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Top => _directory.Path;

    private string Cluster => _directory.Combine("cluster");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Build_picks_the_service_of_its_folder_the_services_below_a_group_folder_and_all_at_the_root()
    {
        WriteCluster();

        var inService = await BuildJsonAsync(Path.Combine(Cluster, "crawler", "ticker"));
        var inGroup = await BuildJsonAsync(Path.Combine(Cluster, "fullnode"));
        var atRoot = await BuildJsonAsync(Cluster);

        Names(inService).ShouldBe(["base-info", "crawler-ticker"]);
        inService.GetProperty("store").GetString().ShouldBe(Path.Combine(Cluster, ".cybernode", "store"));
        Names(inGroup).ShouldBe(["fullnode-echod"]);
        Names(atRoot).ShouldBe(["base-info", "crawler-ticker", "fullnode-echod"]);
    }

    [Fact]
    public async Task A_service_name_is_taken_where_a_folder_or_image_is()
    {
        WriteCluster();
        var elsewhere = Path.Combine(Cluster, "fullnode");
        var archive = _directory.Combine("ticker.tar");

        var built = await CybernodeCli.JsonAsync(["build", "crawler-ticker", "--json"], Token, workingDirectory: elsewhere);
        var inspected = await CybernodeCli.JsonAsync(["inspect", "crawler-ticker", "--json"], Token, workingDirectory: elsewhere);
        var exported = await CybernodeCli.RunAsync(["export", "crawler-ticker", "-o", archive, "--format", "docker-archive"], Token, workingDirectory: elsewhere);

        Names(built).ShouldBe(["base-info", "crawler-ticker"]);
        inspected.GetProperty("name").GetString().ShouldBe("cybernode/crawler-ticker:latest");
        exported.EnsureSuccess().StandardOutput.ShouldContain("exported cybernode/crawler-ticker:latest");
        (await Skopeo.ConfigAsync($"docker-archive:{archive}", Token)).ShouldContain("\"service\":\"ticker\"");
    }

    [Fact]
    public async Task A_word_that_is_neither_a_folder_nor_a_service_says_both()
    {
        WriteCluster();

        var result = await CybernodeCli.RunAsync(["build", "crawler-tickr"], Token, workingDirectory: Cluster);

        result.ShouldFailCleanly(1, "does not exist", $"the workspace {Cluster} has no service 'crawler-tickr'", "crawler-ticker");
    }

    [Fact]
    public async Task Images_inside_a_workspace_reads_its_store_and_above_it_says_where_the_stores_are()
    {
        WriteCluster();
        await BuildJsonAsync(Cluster);

        var inside = await CybernodeCli.RunAsync(["images"], Token, workingDirectory: Path.Combine(Cluster, "crawler", "ticker"));
        var above = await CybernodeCli.RunAsync(["images"], Token, workingDirectory: Top);
        var missing = _directory.Combine("nonexistent");
        var named = await CybernodeCli.RunAsync(["images", "--store", missing], Token, workingDirectory: Cluster);
        var empty = EmptyStore();
        var fromVariable = await CybernodeCli.RunAsync(["images"], Token, new Dictionary<string, string?> { ["CYBERNODE_STORE"] = empty }, Cluster);

        inside.EnsureSuccess().StandardOutput.ShouldContain("cybernode/crawler-ticker:latest");
        above.EnsureSuccess().StandardOutput.ShouldNotContain("cybernode/");
        above.StandardError.ShouldContain($"there is no image store at {Path.Combine(Top, ".cybernode", "store")} (the store of the workspace {Top})");
        above.StandardError.ShouldContain("workspaces below with a store: cluster; list one with: cybernode images -w cluster");
        named.EnsureSuccess().StandardError.ShouldContain($"there is no image store at {missing} (named by --store)");
        fromVariable.EnsureSuccess().StandardError.ShouldContain($"the store {empty} (named by $CYBERNODE_STORE) holds no images");
    }

    [Fact]
    public async Task A_folder_with_its_own_cybernode_yaml_is_a_workspace_apart_and_a_folder_of_workspaces_lists_them()
    {
        WriteCluster();
        var vendored = Path.Combine(Cluster, "vendor", "lib");
        WriteService(vendored, "svc", "FROM scratch\nLABEL service=svc\n");
        File.WriteAllText(Path.Combine(vendored, "cybernode.yaml"), "namespace: vendor\n");

        var cluster = await BuildJsonAsync(Cluster);
        var inVendored = await BuildJsonAsync(Path.Combine(vendored, "svc"));
        var above = await CybernodeCli.RunAsync(["build"], Token, workingDirectory: Top);

        Names(cluster).ShouldBe(["base-info", "crawler-ticker", "fullnode-echod"]);
        cluster.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem().GetProperty("message").GetString()
            .ShouldBe("vendor/lib is a workspace of its own (it holds cybernode.yaml), so its services are not part of this workspace");
        Names(inVendored).ShouldBe(["svc"]);
        inVendored.GetProperty("store").GetString().ShouldBe(Path.Combine(vendored, ".cybernode", "store"));
        above.ShouldFailCleanly(1, $"{Top} has no services of its own; the folders below it are separate workspaces", ": cluster", "hint: build one of them, e.g. cybernode build cluster");
    }

    [Fact]
    public async Task At_the_repository_root_build_lists_the_example_workspaces()
    {
        var result = await CybernodeCli.RunAsync(["build", "--dry-run"], Token, workingDirectory: RepoPaths.Root);

        result.ShouldFailCleanly(1, "has no services of its own", "examples/cluster, examples/first-service, examples/two-phase", "cybernode build examples/cluster");
    }

    [Fact]
    public async Task The_examples_are_workspaces_from_any_folder_inside_them()
    {
        var plan = await CybernodeCli.JsonAsync(["build", "--dry-run", "--json"], Token, workingDirectory: Path.Combine(RepoPaths.Examples, "cluster", "crawler", "ticker"));

        Names(plan).ShouldBe(["base-cyberinfo", "crawler-ticker"]);
        File.Exists(Path.Combine(RepoPaths.Examples, "two-phase", "cybernode.yaml")).ShouldBeTrue();
    }

    [Fact]
    public async Task Short_digests_that_images_prints_name_one_image_and_an_ambiguous_prefix_lists_the_candidates()
    {
        // 17 images: two of them must share the first hex digit of their digest.
        for (var n = 0; n < 17; n++)
        {
            WriteService(Cluster, $"s{n}", $"FROM scratch\nLABEL n={n}\n");
        }

        await BuildJsonAsync(Cluster);
        var listed = await CybernodeCli.JsonAsync(["images", "--json"], Token, workingDirectory: Cluster);
        var images = listed.GetProperty("images").EnumerateArray()
            .Select(i => (Name: i.GetProperty("name").GetString()!, Digest: i.GetProperty("digest").GetString()!)).ToList();
        var first = images[0];
        var table = (await CybernodeCli.RunAsync(["images"], Token, workingDirectory: Cluster)).EnsureSuccess().StandardOutput;
        var shortDigest = table.Split('\n').Single(line => line.StartsWith(first.Name + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var shared = images.GroupBy(i => i.Digest["sha256:".Length]).First(g => g.Count() > 1);

        var byShort = await CybernodeCli.JsonAsync(["inspect", shortDigest, "--json"], Token, workingDirectory: Cluster);
        var byBareHex = await CybernodeCli.JsonAsync(["inspect", shortDigest["sha256:".Length..], "--json"], Token, workingDirectory: Cluster);
        var exported = await CybernodeCli.RunAsync(["export", shortDigest, "-o", _directory.Combine("one.tar"), "--format", "oci-archive"], Token, workingDirectory: Cluster);
        var ambiguous = await CybernodeCli.RunAsync(["inspect", $"sha256:{shared.Key}"], Token, workingDirectory: Cluster);

        shortDigest.Length.ShouldBe(19);
        byShort.GetProperty("digest").GetString().ShouldBe(first.Digest);
        byBareHex.GetProperty("digest").GetString().ShouldBe(first.Digest);
        exported.EnsureSuccess().StandardOutput.ShouldContain(first.Digest);
        ambiguous.ShouldFailCleanly(1, [$"the digest prefix 'sha256:{shared.Key}' matches {shared.Count()} images", .. shared.Select(i => $"{i.Digest} ({i.Name})")]);
    }

    [Fact]
    public async Task Build_files_without_a_Dockerfile_and_a_FROM_under_the_old_namespace_are_warned_about()
    {
        WriteService(Cluster, "base", "FROM scratch\nLABEL service=base\n");
        var settings = Path.Combine(Cluster, "cybernode.yaml");
        File.WriteAllText(settings, "namespace: cybernode\n");
        await BuildJsonAsync(Cluster);

        // The namespace changes; app still starts FROM the old name, which the store holds.
        File.WriteAllText(settings, "namespace: team\n");
        var app = WriteService(Cluster, "app", "FROM cybernode/base\nLABEL service=app\n");
        var parity = Path.Combine(Cluster, "parity");
        Directory.CreateDirectory(parity);
        File.WriteAllText(Path.Combine(parity, "Dockerfile-build"), "FROM scratch\n");
        File.WriteAllText(Path.Combine(parity, "01build.sh"), "true\n");

        var json = await BuildJsonAsync(Cluster);
        var text = (await CybernodeCli.RunAsync(["build"], Token, workingDirectory: Cluster)).EnsureSuccess();

        var warnings = json.GetProperty("warnings").EnumerateArray().ToList();
        warnings.Count.ShouldBe(2);
        warnings[0].GetProperty("file").GetString().ShouldBe(parity);
        warnings[0].GetProperty("message").GetString()!.ShouldContain("has Dockerfile-build and 01build.sh but no Dockerfile, so it is not a service");
        warnings[1].GetProperty("file").GetString().ShouldBe(app);
        warnings[1].GetProperty("line").GetInt32().ShouldBe(1);
        warnings[1].GetProperty("message").GetString()!.ShouldContain("cybernode/base is not this workspace's service base, whose image is team/base");
        warnings[1].GetProperty("hint").GetString()!.ShouldContain("write team/base");
        text.StandardError.ShouldContain($"warning: {parity}: parity has Dockerfile-build and 01build.sh but no Dockerfile");
        text.StandardError.ShouldContain($"warning: {app}:1: cybernode/base is not this workspace's service base");
    }

    /// <summary>An OCI layout with no image in it.</summary>
    private string EmptyStore()
    {
        var store = _directory.Combine("empty-store");
        Directory.CreateDirectory(Path.Combine(store, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(store, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllText(Path.Combine(store, "index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
        return store;
    }

    private async Task<JsonElement> BuildJsonAsync(string folder) =>
        await CybernodeCli.JsonAsync(["build", "--json"], Token, workingDirectory: folder);

    private static List<string> Names(JsonElement report) =>
        [.. report.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];

    /// <summary>cluster/ marked by its cybernode.yaml, with base/info, crawler/ticker FROM it, and fullnode/echod.</summary>
    private void WriteCluster()
    {
        Directory.CreateDirectory(Cluster);
        File.WriteAllText(Path.Combine(Cluster, "cybernode.yaml"), "namespace: cybernode\n");
        WriteService(Cluster, "base/info", "FROM scratch\nLABEL service=info\n");
        WriteService(Cluster, "crawler/ticker", "FROM cybernode/base-info\nLABEL service=ticker\n");
        WriteService(Cluster, "fullnode/echod", "FROM scratch\nLABEL service=echod\n");
    }

    private static string WriteService(string workspace, string folder, string dockerfile)
    {
        var service = Path.Combine(workspace, folder);
        Directory.CreateDirectory(service);
        var path = Path.Combine(service, "Dockerfile");
        File.WriteAllText(path, dockerfile);
        return path;
    }
}

using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>The same inputs give the same digests, whatever the store or the workspace's path; the build time and compression are inputs.</summary>
public sealed class ReproducibleBuildTests(BuiltClusterFixture cluster) : IClassFixture<BuiltClusterFixture>
{
    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Building_the_same_workspace_into_a_fresh_store_gives_the_same_digests()
    {
        var built = await cluster.GetAsync();

        var again = await CybernodeCli.BuildAsync(built.Workspace, cluster.Scratch("second-store"), Token);

        again.ShouldBe(built.Digests, ignoreOrder: true);
    }

    [Fact]
    public async Task A_copy_of_the_workspace_at_another_path_gives_the_same_digests()
    {
        var built = await cluster.GetAsync();
        var elsewhere = ExampleCluster.CopyTo(Path.Combine(cluster.Scratch("elsewhere"), "deeper", "other-name"));

        var digests = await CybernodeCli.BuildAsync(elsewhere, cluster.Scratch("elsewhere-store"), Token);

        digests.ShouldBe(built.Digests, ignoreOrder: true);
    }

    [Fact]
    public async Task Source_date_epoch_changes_every_digest_and_becomes_the_created_time()
    {
        var built = await cluster.GetAsync();
        var store = cluster.Scratch("epoch-store");

        var digests = await CybernodeCli.BuildAsync(
            built.Workspace, store, Token, environment: new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1700000000" });
        var config = await Skopeo.ConfigAsync($"oci:{store}:{ExampleCluster.Cyberinfo}:latest", Token);

        foreach (var service in ExampleCluster.Services)
        {
            digests[service].ShouldNotBe(built.Digests[service]);
        }

        config.ShouldContain("\"created\":\"2023-11-14T22:13:20Z\"");
        config.ShouldContain("\"org.opencontainers.image.created\":\"2023-11-14T22:13:20Z\"");
    }

    [Fact]
    public async Task Zstd_compression_writes_zstd_layers_that_skopeo_reads_and_copies()
    {
        var built = await cluster.GetAsync();
        var store = cluster.Scratch("zstd-store");
        var reference = $"oci:{store}:{ExampleCluster.Ticker}:latest";

        await CybernodeCli.BuildAsync(built.Workspace, store, Token, ["--compression", "zstd"]);
        var manifest = await Skopeo.ManifestAsync(reference, Token);
        var inspected = await Skopeo.RunAsync(["inspect", reference], Token);
        await Skopeo.CopyAsync(reference, $"oci:{cluster.Scratch("zstd-copy")}:copied", Token);

        using var document = System.Text.Json.JsonDocument.Parse(manifest);
        var layers = document.RootElement.GetProperty("layers").EnumerateArray().ToList();
        layers.Count.ShouldBe(3);
        foreach (var layer in layers)
        {
            layer.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.layer.v1.tar+zstd");
            var blob = Path.Combine(store, "blobs", "sha256", layer.GetProperty("digest").GetString()!["sha256:".Length..]);
            (await File.ReadAllBytesAsync(blob, Token))[..4].ShouldBe(ZstdMagic);
        }

        inspected.StandardOutput.ShouldContain("org.opencontainers.image.version");
    }
}

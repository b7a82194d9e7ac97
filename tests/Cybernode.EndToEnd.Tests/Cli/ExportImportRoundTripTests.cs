namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>What `export` writes, `import` brings back into another store.</summary>
public sealed class ExportImportRoundTripTests(BuiltClusterFixture cluster) : IClassFixture<BuiltClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("oci", "layout")]
    [InlineData("oci-archive", "image.tar")]
    public async Task An_oci_export_imports_into_a_fresh_store_with_the_same_digest(string format, string name)
    {
        var built = await cluster.GetAsync();
        var output = Path.Combine(cluster.Scratch($"round-trip-{format}"), name);
        var store = cluster.Scratch($"round-trip-{format}-store");
        (await CybernodeCli.RunAsync(
            ["export", ExampleCluster.Ticker, "-o", output, "--format", format, "--store", built.Store], Token)).EnsureSuccess();

        (await CybernodeCli.RunAsync(["import", $"{format}:{output}", "--store", store], Token)).EnsureSuccess();
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", store], Token);

        var image = images.GetProperty("images").EnumerateArray().Single();
        image.GetProperty("name").GetString().ShouldBe($"{ExampleCluster.Ticker}:latest");
        image.GetProperty("digest").GetString().ShouldBe(built.Digests["crawler-ticker"]);
    }

    // A docker archive holds docker's manifest.json, not the image manifest, so the digest changes; the
    // configuration, labels included, must not.
    [Fact]
    public async Task A_docker_archive_export_imports_under_a_new_name_with_its_labels()
    {
        var built = await cluster.GetAsync();
        var archive = Path.Combine(cluster.Scratch("round-trip-docker"), "image.tar");
        var store = cluster.Scratch("round-trip-docker-store");
        (await CybernodeCli.RunAsync(
            ["export", ExampleCluster.Cyberinfo, "-o", archive, "--format", "docker-archive", "--store", built.Store], Token)).EnsureSuccess();

        (await CybernodeCli.RunAsync(["import", $"docker-archive:{archive}", "imported/info", "--store", store], Token)).EnsureSuccess();
        var original = await CybernodeCli.JsonAsync(["inspect", ExampleCluster.Cyberinfo, "--json", "--store", built.Store], Token);
        var imported = await CybernodeCli.JsonAsync(["inspect", "imported/info", "--json", "--store", store], Token);

        imported.GetProperty("name").GetString().ShouldBe("imported/info:latest");
        imported.GetProperty("config").GetProperty("config").GetRawText()
            .ShouldBe(original.GetProperty("config").GetProperty("config").GetRawText());
    }
}

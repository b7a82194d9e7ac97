using System.Text.Json;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>`cybernode build` of the example cluster, then `images` and `inspect`, through the CLI only.</summary>
public sealed class BuildCommandTests(BuiltClusterFixture cluster) : IClassFixture<BuiltClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_json_prints_one_document_with_every_service_built_its_image_and_digest()
    {
        var built = await cluster.GetAsync();
        var store = cluster.Scratch("json-build-store");

        var result = await CybernodeCli.RunAsync(["build", built.Workspace, "--json", "--store", store], Token);

        result.ExitCode.ShouldBe(0, result.StandardError);
        using var output = JsonDocument.Parse(result.StandardOutput);
        var services = output.RootElement.GetProperty("services").EnumerateArray().ToList();
        services.Select(service => service.GetProperty("name").GetString()).ShouldBe(ExampleCluster.Services, ignoreOrder: true);
        foreach (var service in services)
        {
            var name = service.GetProperty("name").GetString()!;
            service.GetProperty("image").GetString().ShouldBe($"cybernode/{name}:latest");
            service.GetProperty("digest").GetString()!.ShouldMatch("^sha256:[0-9a-f]{64}$");
            service.GetProperty("status").GetString().ShouldBe("built");
        }

        // crawler-ticker starts FROM cybernode/base-cyberinfo, so that one is built first.
        var order = services.Select(service => service.GetProperty("name").GetString()).ToList();
        order.IndexOf("base-cyberinfo").ShouldBeLessThan(order.IndexOf("crawler-ticker"));
    }

    [Fact]
    public async Task Images_json_lists_the_three_images_with_the_digests_the_build_reported()
    {
        var built = await cluster.GetAsync();

        var output = await CybernodeCli.JsonAsync(["images", "--json", "--store", built.Store], Token);

        var images = output.GetProperty("images").EnumerateArray()
            .ToDictionary(image => image.GetProperty("name").GetString()!, image => image.GetProperty("digest").GetString()!);
        images.ShouldBe(built.Digests.ToDictionary(pair => $"cybernode/{pair.Key}:latest", pair => pair.Value), ignoreOrder: true);
    }

    [Fact]
    public async Task Inspect_shows_the_version_label_from_the_build_output_the_epoch_time_home_and_volume()
    {
        var built = await cluster.GetAsync();
        var version = (await File.ReadAllTextAsync(Path.Combine(built.Workspace, "crawler", "ticker", "bin", "VERSION"), Token)).Trim();

        var output = await CybernodeCli.JsonAsync(["inspect", ExampleCluster.Ticker, "--json", "--store", built.Store], Token);

        version.ShouldBe("0.2.0");
        output.GetProperty("digest").GetString().ShouldBe(built.Digests["crawler-ticker"]);
        var config = output.GetProperty("config");
        config.GetProperty("created").GetString().ShouldBe("1970-01-01T00:00:00Z");
        var container = config.GetProperty("config");
        var labels = container.GetProperty("Labels");
        labels.GetProperty("org.opencontainers.image.version").GetString().ShouldBe(version);
        labels.GetProperty("org.opencontainers.image.title").GetString().ShouldBe("ticker");
        container.GetProperty("Env").EnumerateArray().Select(variable => variable.GetString()).ShouldContain("HOME=/cyberdata");
        container.GetProperty("Volumes").EnumerateObject().Select(volume => volume.Name).ShouldBe(["/cyberdata"]);
        container.GetProperty("Cmd").EnumerateArray().Select(argument => argument.GetString()).ShouldBe(["/cyberapp/ticker"]);
    }

    [Fact]
    public async Task Inspect_without_json_prints_the_labels_for_a_person()
    {
        var built = await cluster.GetAsync();

        var result = await CybernodeCli.RunAsync(["inspect", ExampleCluster.Ticker, "--store", built.Store], Token);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldContain("org.opencontainers.image.version");
        result.StandardOutput.ShouldContain("0.2.0");
        result.StandardOutput.ShouldContain(built.Digests["crawler-ticker"]);
    }
}

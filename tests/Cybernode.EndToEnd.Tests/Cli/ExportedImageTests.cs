using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>What the build stored and export wrote, read back by tools that owe nothing to cybernode: skopeo, umoci, the OCI schemas.</summary>
public sealed class ExportedImageTests(BuiltClusterFixture cluster) : IClassFixture<BuiltClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Skopeo_inspects_an_exported_oci_layout_with_the_digest_and_labels_of_the_build()
    {
        var built = await cluster.GetAsync();
        var layout = await ExportAsync(built, ExampleCluster.Ticker, "oci", "ticker-layout");

        var inspected = await Skopeo.RunAsync(["inspect", $"oci:{layout}:{ExampleCluster.Ticker}:latest"], Token);

        using var document = JsonDocument.Parse(inspected.StandardOutput);
        var root = document.RootElement;
        root.GetProperty("Digest").GetString().ShouldBe(built.Digests["crawler-ticker"]);
        root.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString().ShouldBe("0.2.0");
        root.GetProperty("Created").GetString().ShouldBe("1970-01-01T00:00:00Z");
        root.GetProperty("Layers").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Umoci_unpacks_the_binaries_under_cyberapp_as_mode_0755_owned_by_root()
    {
        var built = await cluster.GetAsync();
        var layout = await ExportAsync(built, ExampleCluster.Ticker, "oci", "unpack-layout");
        var bundle = Path.Combine(cluster.Scratch("unpack"), "bundle");

        await Umoci.UnpackAsync(new OciLayoutImage(layout, $"{ExampleCluster.Ticker}:latest"), bundle, Token);

        var rootfs = Path.Combine(bundle, "rootfs");
        var entries = await StatAsync(rootfs, "cyberapp", "cyberapp/cyberinfo", "cyberapp/ticker", "cyberapp/VERSION", "cyberdata");
        entries.ShouldBe(
            [
                "755 0:0 directory cyberapp",
                "755 0:0 regular file cyberapp/cyberinfo",
                "755 0:0 regular file cyberapp/ticker",
                "644 0:0 regular file cyberapp/VERSION",
                "755 0:0 directory cyberdata",
            ]);
        (await File.ReadAllTextAsync(Path.Combine(rootfs, "cyberapp", "VERSION"), Token)).ShouldBe("0.2.0\n");
    }

    [Theory]
    [InlineData("oci-archive")]
    [InlineData("docker-archive")]
    public async Task Skopeo_copies_an_exported_archive_into_another_layout_with_its_labels(string format)
    {
        var built = await cluster.GetAsync();
        var archive = await ExportAsync(built, ExampleCluster.Cyberinfo, format, $"{format}.tar");
        var other = Path.Combine(cluster.Scratch($"copy-{format}"), "layout");

        await Skopeo.CopyAsync($"{format}:{archive}", $"oci:{other}:copied", Token);
        var inspected = await Skopeo.RunAsync(["inspect", $"oci:{other}:copied"], Token);

        using var document = JsonDocument.Parse(inspected.StandardOutput);
        var root = document.RootElement;
        root.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString().ShouldBe("1.0.0");
        root.GetProperty("Layers").GetArrayLength().ShouldBe(2);
        if (format == "oci-archive")
        {
            // Nothing converts between two OCI transports: the manifest arrives byte for byte.
            root.GetProperty("Digest").GetString().ShouldBe(built.Digests["base-cyberinfo"]);
        }
    }

    [Fact]
    public async Task The_store_and_an_exported_layout_validate_against_the_oci_json_schemas()
    {
        var built = await cluster.GetAsync();
        var layout = await ExportAsync(built, ExampleCluster.Ticker, "oci", "schema-layout");
        var validator = new OciSchemaValidator();
        var errors = new List<string>();

        foreach (var folder in new[] { built.Store, layout })
        {
            var index = await File.ReadAllTextAsync(Path.Combine(folder, "index.json"), Token);
            errors.AddRange(await ValidateAsync(validator, "image-index-schema.json", index, $"{folder}/index.json"));
        }

        foreach (var (folder, image) in ExampleCluster.Services.Select(service => (built.Store, $"cybernode/{service}")).Append((layout, ExampleCluster.Ticker)))
        {
            var reference = $"oci:{folder}:{image}:latest";
            errors.AddRange(await ValidateAsync(validator, "image-manifest-schema.json", await Skopeo.ManifestAsync(reference, Token), reference));
            errors.AddRange(await ValidateAsync(validator, "config-schema.json", await Skopeo.ConfigAsync(reference, Token), reference));
        }

        errors.ShouldBeEmpty();
    }

    private async Task<string> ExportAsync(BuiltCluster built, string image, string format, string name)
    {
        var output = Path.Combine(cluster.Scratch($"export-{name}"), name);
        (await CybernodeCli.RunAsync(["export", image, "-o", output, "--format", format, "--store", built.Store], Token)).EnsureSuccess();
        return output;
    }

    private static async Task<IEnumerable<string>> ValidateAsync(OciSchemaValidator validator, string schema, string json, string what) =>
        (await validator.ValidateAsync(schema, json, Token)).Select(error => $"{what} ({schema}): {error}");

    private static async Task<IReadOnlyList<string>> StatAsync(string root, params string[] paths)
    {
        var stat = RequiredTool.Find("stat", "coreutils");
        var options = new ProcessOptions { WorkingDirectory = root };
        var result = (await ProcessRunner.RunAsync(stat, ["--format", "%a %u:%g %F %n", .. paths], options, Token)).EnsureSuccess();
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

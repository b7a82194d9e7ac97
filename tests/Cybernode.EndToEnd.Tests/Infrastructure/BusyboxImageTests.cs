using System.Text.Json;

namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class BusyboxImageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Builds_a_schema_valid_layout_with_a_shell_and_a_default_command()
    {
        using var directory = new TempFolder();

        var image = await BusyboxImage.CreateAsync(directory.Combine("layout"), "1.0", Token);

        var manifest = await Skopeo.ManifestAsync(image.SkopeoReference, Token);
        var config = await Skopeo.ConfigAsync(image.SkopeoReference, Token);
        var validator = new OciSchemaValidator();
        (await validator.ValidateAsync("image-manifest-schema.json", manifest, Token)).ShouldBeEmpty();
        (await validator.ValidateAsync("config-schema.json", config, Token)).ShouldBeEmpty();
        using var document = JsonDocument.Parse(config);
        document.RootElement.GetProperty("os").GetString().ShouldBe("linux");
        document.RootElement.GetProperty("config").GetProperty("Cmd")[0].GetString().ShouldBe("/bin/sh");
    }

    [Fact]
    public async Task Unpacks_to_a_root_filesystem_with_busybox_applets_and_passwd()
    {
        using var directory = new TempFolder();
        var image = await BusyboxImage.CreateAsync(directory.Combine("layout"), cancellationToken: Token);

        await Umoci.UnpackAsync(image, directory.Combine("bundle"), Token);

        var rootfs = directory.Combine("bundle", "rootfs");
        new FileInfo(Path.Combine(rootfs, "bin", "sh")).LinkTarget.ShouldBe("busybox");
        (await File.ReadAllTextAsync(Path.Combine(rootfs, "etc", "passwd"), Token)).ShouldStartWith("root:x:0:0:");
        Directory.Exists(Path.Combine(rootfs, "tmp")).ShouldBeTrue();
    }

    [Fact]
    public async Task The_same_input_gives_the_same_layer_digest()
    {
        using var directory = new TempFolder();

        var first = await BusyboxImage.CreateAsync(directory.Combine("a"), cancellationToken: Token);
        var second = await BusyboxImage.CreateAsync(directory.Combine("b"), cancellationToken: Token);

        LayerDigests(await Skopeo.ManifestAsync(first.SkopeoReference, Token))
            .ShouldBe(LayerDigests(await Skopeo.ManifestAsync(second.SkopeoReference, Token)));
    }

    private static string[] LayerDigests(string manifest)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.GetProperty("layers").EnumerateArray()
            .Select(layer => layer.GetProperty("digest").GetString()!)
            .ToArray();
    }
}

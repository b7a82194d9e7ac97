using System.Text.Json;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;
using Cybernode.Oci.Validation;

namespace Cybernode.Oci.Tests.Transports;

public class OciLayoutTransportTests
{
    private const string Name = "cybernode/random:latest";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_to_a_new_layout_is_read_by_skopeo_and_unpacked_by_umoci()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 11, Ct);

        var exported = await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci:{folder.Combine("out")}"), Ct);

        exported.Name.ShouldBe(Name);
        using var inspect = JsonDocument.Parse(await ExternalTool.RunAsync("skopeo", ["inspect", $"oci:{folder.Combine("out")}:{Name}"], Ct));
        inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Manifest.Digest.ToString());
        inspect.RootElement.GetProperty("Layers").GetArrayLength().ShouldBe(3);
        await ExternalTool.RunAsync("umoci", ["unpack", "--image", $"{folder.Combine("out")}:{Name}", folder.Combine("bundle")], Ct);
        foreach (var (path, content) in RandomImage.Files(11))
        {
            (await File.ReadAllBytesAsync(folder.Combine("bundle", "rootfs", path), Ct)).ShouldBe(content, path);
        }
    }

    [Fact]
    public async Task Export_into_an_existing_layout_adds_new_names_and_replaces_old_ones()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var first = await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct, layers: 1);
        var second = await RandomImage.WriteAsync(store, "cybernode/b:1", 2, Ct, layers: 1);
        var output = folder.Combine("out");

        await ImageTransport.ExportAsync(store, first, TransportReference.Parse($"oci:{output}"), Ct);
        await ImageTransport.ExportAsync(store, second, TransportReference.Parse($"oci:{output}"), Ct);
        await ImageTransport.ExportAsync(store, second, TransportReference.Parse($"oci:{output}:cybernode/a:1"), Ct);

        var layout = OciLayoutStore.OpenExisting(output);
        var names = await layout.ListAsync(Ct);
        names.Select(i => (i.Name, i.Manifest.Digest)).ShouldBe([("cybernode/a:1", second.Manifest.Digest), ("cybernode/b:1", second.Manifest.Digest)]);
        (await ImageValidator.ValidateAsync(layout, names[0].Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Round_trip_through_a_layout_keeps_the_manifest_digest()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 5, Ct, compression: LayerCompression.Zstd);
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci:{folder.Combine("out")}"), Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);

        var imported = await ImageTransport.ImportAsync(TransportReference.Parse($"oci:{folder.Combine("out")}"), other, null, Ct);

        imported.ShouldBe(new TransferredImage(Name, image.Manifest with { Annotations = null }));
        (await other.ListAsync(Ct)).Single().Manifest.Digest.ShouldBe(image.Manifest.Digest);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Multi_platform_index_is_copied_whole()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteIndexAsync(store, Name, 3, [Platform.LinuxAmd64, new Platform("arm64", "linux", "v8")], Ct);
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci:{folder.Combine("out")}"), Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);

        var imported = await ImageTransport.ImportAsync(TransportReference.Parse($"oci:{folder.Combine("out")}:{Name}"), other, "cybernode/multi:2", Ct);

        imported.Name.ShouldBe("cybernode/multi:2");
        imported.Manifest.Digest.ShouldBe(image.Manifest.Digest);
        imported.Manifest.MediaType.ShouldBe(MediaTypes.ImageIndex);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
        var arm = await ImageReader.ReadAsync(other, imported.Manifest, new Platform("arm64", "linux"), Ct);
        arm.Config.Architecture.ShouldBe("arm64");
    }

    [Fact]
    public async Task Import_reads_a_layout_that_skopeo_wrote()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 8, Ct);
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci:{folder.Combine("a")}"), Ct);
        await ExternalTool.RunAsync("skopeo", ["copy", $"oci:{folder.Combine("a")}:{Name}", $"oci:{folder.Combine("b")}:busybox:1.36"], Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);

        var imported = await ImageTransport.ImportAsync(TransportReference.Parse($"oci:{folder.Combine("b")}"), other, null, Ct);

        imported.Name.ShouldBe("busybox:1.36");
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
        var read = await ImageReader.ReadAsync(other, imported.Manifest, Platform.LinuxAmd64, Ct);
        read.Config.RootFs.DiffIds.ShouldBe((await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct)).Config.RootFs.DiffIds);
    }

    [Fact]
    public async Task Import_without_a_reference_from_a_layout_of_several_images_lists_them()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct, layers: 1);
        await RandomImage.WriteAsync(store, "cybernode/b:1", 2, Ct, layers: 1);

        var error = await Should.ThrowAsync<OciFormatException>(() =>
            ImageTransport.ImportAsync(TransportReference.Parse($"oci:{store.Location}"), store, null, Ct));

        error.Message.ShouldContain("cybernode/a:1");
        error.Message.ShouldContain("cybernode/b:1");
        error.Message.ShouldContain(":REF");
    }

    [Fact]
    public async Task Import_of_an_image_named_only_by_a_tag_asks_for_a_name()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 4, Ct, layers: 1);
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci:{folder.Combine("out")}:latest"), Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);
        var source = TransportReference.Parse($"oci:{folder.Combine("out")}");

        var error = await Should.ThrowAsync<OciFormatException>(() => ImageTransport.ImportAsync(source, other, null, Ct));
        var imported = await ImageTransport.ImportAsync(source, other, "docker.io/cybernode/named:2", Ct);

        error.Message.ShouldContain("'latest'");
        error.Message.ShouldContain("give one");
        imported.Name.ShouldBe("cybernode/named:2");
    }

    [Fact]
    public async Task Import_from_a_folder_that_is_not_a_layout_says_so()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        Directory.CreateDirectory(folder.Combine("empty"));

        var error = await Should.ThrowAsync<OciFormatException>(() =>
            ImageTransport.ImportAsync(TransportReference.Parse($"oci:{folder.Combine("empty")}"), store, "a:b", Ct));

        error.Message.ShouldContain("not an OCI image layout");
    }
}

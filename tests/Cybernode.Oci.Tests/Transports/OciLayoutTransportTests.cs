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
    private const string Name = TransportScratch.Name;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_to_a_new_layout_is_read_by_skopeo_and_unpacked_by_umoci()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var image = await scratch.WriteImageAsync(11);

        var exported = await scratch.ExportAsync(image, scratch.Combine("out"));

        exported.Name.ShouldBe(Name);
        using var inspect = JsonDocument.Parse(await ExternalTool.RunAsync("skopeo", ["inspect", $"oci:{scratch.Combine("out")}:{Name}"], Ct));
        inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Manifest.Digest.ToString());
        inspect.RootElement.GetProperty("Layers").GetArrayLength().ShouldBe(3);
        await ExternalTool.RunAsync("umoci", ["unpack", "--image", $"{scratch.Combine("out")}:{Name}", scratch.Combine("bundle")], Ct);
        foreach (var (path, content) in RandomImage.Files(11))
        {
            (await File.ReadAllBytesAsync(scratch.Combine("bundle", "rootfs", path), Ct)).ShouldBe(content, path);
        }
    }

    [Fact]
    public async Task Export_into_an_existing_layout_adds_new_names_and_replaces_old_ones()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var first = await RandomImage.WriteAsync(scratch.Store, "cybernode/a:1", 1, Ct, layers: 1);
        var second = await RandomImage.WriteAsync(scratch.Store, "cybernode/b:1", 2, Ct, layers: 1);
        var output = scratch.Combine("out");

        await scratch.ExportAsync(first, output);
        await scratch.ExportAsync(second, output);
        await scratch.ExportAsync(second, $"{output}:cybernode/a:1");

        var layout = OciLayoutStore.OpenExisting(output);
        var names = await layout.ListAsync(Ct);
        names.Select(i => (i.Name, i.Manifest.Digest)).ShouldBe([("cybernode/a:1", second.Manifest.Digest), ("cybernode/b:1", second.Manifest.Digest)]);
        (await ImageValidator.ValidateAsync(layout, names[0].Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Round_trip_through_a_layout_keeps_the_manifest_digest()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var image = await scratch.WriteImageAsync(5, compression: LayerCompression.Zstd);
        var output = await scratch.ExportToAsync(image, "out");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(output, other);

        imported.ShouldBe(new TransferredImage(Name, image.Manifest with { Annotations = null }));
        (await other.ListAsync(Ct)).Single().Manifest.Digest.ShouldBe(image.Manifest.Digest);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Multi_platform_index_is_copied_whole()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var image = await RandomImage.WriteIndexAsync(scratch.Store, Name, 3, [Platform.LinuxAmd64, new Platform("arm64", "linux", "v8")], Ct);
        var output = await scratch.ExportToAsync(image, "out");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync($"{output}:{Name}", other, "cybernode/multi:2");

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
        using var scratch = await TransportScratch.OpenAsync("oci");
        var image = await scratch.WriteImageAsync(8);
        await scratch.SkopeoCopyAsync(image, $"oci:{scratch.Combine("b")}:busybox:1.36");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(scratch.Combine("b"), other);

        imported.Name.ShouldBe("busybox:1.36");
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
        var read = await TransportScratch.ReadAmd64Async(other, imported.Manifest);
        read.Config.RootFs.DiffIds.ShouldBe((await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest)).Config.RootFs.DiffIds);
    }

    [Fact]
    public async Task Import_without_a_reference_from_a_layout_of_several_images_lists_them()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        await RandomImage.WriteAsync(scratch.Store, "cybernode/a:1", 1, Ct, layers: 1);
        await RandomImage.WriteAsync(scratch.Store, "cybernode/b:1", 2, Ct, layers: 1);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(scratch.Store.Location, scratch.Store));

        error.Message.ShouldContain("cybernode/a:1");
        error.Message.ShouldContain("cybernode/b:1");
        error.Message.ShouldContain(":REF");
    }

    [Fact]
    public async Task Import_of_an_image_named_only_by_a_tag_asks_for_a_name()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var image = await scratch.WriteImageAsync(4, layers: 1);
        await scratch.ExportAsync(image, $"{scratch.Combine("out")}:latest");
        var other = await scratch.OpenOtherStoreAsync();
        var source = scratch.Reference(scratch.Combine("out"));

        var error = await Should.ThrowAsync<OciFormatException>(() => ImageTransport.ImportAsync(source, other, null, Ct));
        var imported = await ImageTransport.ImportAsync(source, other, "docker.io/cybernode/named:2", Ct);

        error.Message.ShouldContain("'latest'");
        error.Message.ShouldContain("give one");
        imported.Name.ShouldBe("cybernode/named:2");
    }

    [Fact]
    public async Task Import_from_a_folder_that_is_not_a_layout_says_so()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        Directory.CreateDirectory(scratch.Combine("empty"));

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(scratch.Combine("empty"), scratch.Store, "a:b"));

        error.Message.ShouldContain("not an OCI image layout");
    }
}

using System.Text;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Validation;

namespace Cybernode.Oci.Tests.Validation;

public class ImageValidatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task Random_image_is_valid(LayerCompression compression)
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/valid:1", 41, Ct, compression: compression);

        (await ImageValidator.ValidateAsync(store, image.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Multi_platform_index_is_valid()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteIndexAsync(store, "cybernode/multi:1", 42, [Platform.LinuxAmd64, new Platform("arm64", "linux")], Ct);

        (await ImageValidator.ValidateAsync(store, image.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Corrupted_layer_is_reported_with_its_digest()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/bad:1", 43, Ct);
        var layer = (await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Layers[1];
        var path = folder.Combine("blobs", "sha256", layer.Digest.Hex);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        var problems = await ImageValidator.ValidateAsync(store, image.Manifest, Ct);

        problems.ShouldContain(p => p.Contains($"layer 1 ({layer.Digest}) is corrupt"));
    }

    [Fact]
    public async Task Missing_layer_is_reported()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/bad:1", 44, Ct);
        var layer = (await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Layers[0];
        File.Delete(folder.Combine("blobs", "sha256", layer.Digest.Hex));

        (await ImageValidator.ValidateAsync(store, image.Manifest, Ct)).ShouldBe([$"layer 0 ({layer.Digest}) is missing"]);
    }

    [Fact]
    public async Task Wrong_diffId_and_diffId_count_are_reported()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/bad:1", 45, Ct, layers: 2);
        var read = await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct);
        var wrong = Digest.Compute([9]);
        var config = read.Config with { RootFs = new RootFs([wrong]) };
        var manifest = read.Manifest with { Config = await store.PutJsonAsync(config, MediaTypes.ImageConfig, Ct) };
        var descriptor = await store.PutJsonAsync(manifest, MediaTypes.ImageManifest, Ct);

        var problems = await ImageValidator.ValidateAsync(store, descriptor, Ct);

        problems.ShouldContain(p => p.Contains("has 2 layers but its config lists 1 diff_ids"));
        problems.ShouldContain(p => p.Contains($"the config's diff_id is {wrong}"));
    }

    [Fact]
    public async Task Layer_that_is_not_a_tar_is_reported()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var junk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a tar archive at all. ", 40)));
        var layer = (await store.PutAsync(new MemoryStream(junk), null, Ct)).Describe(MediaTypes.Layer);
        var config = ImageConfiguration.Empty(Platform.LinuxAmd64) with { RootFs = new RootFs([layer.Digest]) };
        var manifest = new ImageManifest(await store.PutJsonAsync(config, MediaTypes.ImageConfig, Ct), [layer]);
        var descriptor = await store.PutJsonAsync(manifest, MediaTypes.ImageManifest, Ct);

        var problems = await ImageValidator.ValidateAsync(store, descriptor, Ct);

        problems.ShouldHaveSingleItem().ShouldContain("is not a readable None tar");
    }

    [Fact]
    public async Task Unknown_media_types_are_reported()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/odd:1", 46, Ct, layers: 1);
        var read = await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct);
        var manifest = read.Manifest with
        {
            Config = read.Manifest.Config with { MediaType = "application/x-odd-config" },
            Layers = [read.Manifest.Layers[0] with { MediaType = "application/x-odd-layer" }],
        };
        var descriptor = await store.PutJsonAsync(manifest, MediaTypes.ImageManifest, Ct);

        var problems = await ImageValidator.ValidateAsync(store, descriptor, Ct);

        problems.ShouldContain(p => p.Contains("'application/x-odd-config'"));
        problems.ShouldContain(p => p.Contains("'application/x-odd-layer'"));
    }
}

using System.Text.Json;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;
using Cybernode.Oci.Validation;

namespace Cybernode.Oci.Tests.Transports;

public class OciArchiveTransportTests
{
    private const string Name = "cybernode/random:latest";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_is_read_by_skopeo_under_the_full_image_name()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 21, Ct);
        var archive = folder.Combine("image.tar");

        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{archive}"), Ct);

        foreach (var reference in new[] { $"oci-archive:{archive}", $"oci-archive:{archive}:{Name}" })
        {
            using var inspect = JsonDocument.Parse(await ExternalTool.RunAsync("skopeo", ["inspect", reference], Ct));
            inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Manifest.Digest.ToString());
            inspect.RootElement.GetProperty("Layers").GetArrayLength().ShouldBe(3);
        }

        Directory.GetFiles(folder.Path).ShouldBe([archive]);
    }

    [Fact]
    public async Task Podman_loads_the_export_under_its_full_name()
    {
        using var podman = new PodmanSandbox();
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 22, Ct, layers: 1);
        var archive = folder.Combine("image.tar");
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{archive}"), Ct);

        var names = await podman.LoadAsync(archive, Ct);

        names.ShouldContain(n => n.EndsWith("/" + Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exporting_the_same_image_twice_gives_identical_archives()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 23, Ct);

        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{folder.Combine("a.tar")}"), Ct);
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{folder.Combine("b.tar")}"), Ct);

        (await File.ReadAllBytesAsync(folder.Combine("b.tar"), Ct)).ShouldBe(await File.ReadAllBytesAsync(folder.Combine("a.tar"), Ct));
    }

    [Fact]
    public async Task Round_trip_keeps_the_manifest_digest()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 24, Ct);
        var archive = folder.Combine("image.tar");
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{archive}"), Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);

        var imported = await ImageTransport.ImportAsync(TransportReference.Parse($"oci-archive:{archive}"), other, null, Ct);

        imported.Name.ShouldBe(Name);
        imported.Manifest.Digest.ShouldBe(image.Manifest.Digest);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_reads_an_archive_that_skopeo_wrote()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 25, Ct);
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci:{folder.Combine("a")}"), Ct);
        var archive = folder.Combine("skopeo.tar");
        await ExternalTool.RunAsync("skopeo", ["copy", $"oci:{folder.Combine("a")}:{Name}", $"oci-archive:{archive}:cybernode/copied:3"], Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);

        var imported = await ImageTransport.ImportAsync(TransportReference.Parse($"oci-archive:{archive}:cybernode/copied:3"), other, null, Ct);

        imported.Name.ShouldBe("cybernode/copied:3");
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Truncated_archive_is_refused_and_the_store_index_is_unchanged()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 26, Ct);
        var archive = folder.Combine("image.tar");
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{archive}"), Ct);
        ArchiveDamage.Truncate(archive, 0.6);
        var indexBefore = await File.ReadAllBytesAsync(Path.Combine(store.Location, "index.json"), Ct);

        var error = await Should.ThrowAsync<OciFormatException>(() =>
            ImageTransport.ImportAsync(TransportReference.Parse($"oci-archive:{archive}"), store, "cybernode/other:1", Ct));

        error.Message.ShouldContain("truncated");
        (await File.ReadAllBytesAsync(Path.Combine(store.Location, "index.json"), Ct)).ShouldBe(indexBefore);
    }

    [Fact]
    public async Task Archive_with_a_corrupted_layer_is_refused_and_the_store_index_is_unchanged()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 27, Ct);
        var archive = folder.Combine("image.tar");
        await ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{archive}"), Ct);
        var damaged = await ArchiveDamage.CorruptLargestEntryAsync(archive, Ct);
        var other = await OciLayoutStore.OpenAsync(folder.Combine("other"), Ct);
        var indexBefore = await File.ReadAllBytesAsync(Path.Combine(other.Location, "index.json"), Ct);

        var error = await Should.ThrowAsync<OciFormatException>(() =>
            ImageTransport.ImportAsync(TransportReference.Parse($"oci-archive:{archive}"), other, null, Ct));

        error.Message.ShouldContain("corrupt");
        error.Message.ShouldContain(damaged["blobs/sha256/".Length..]);
        (await File.ReadAllBytesAsync(Path.Combine(other.Location, "index.json"), Ct)).ShouldBe(indexBefore);
        (await other.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_of_a_corrupted_store_blob_fails_and_leaves_no_archive()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);
        var image = await RandomImage.WriteAsync(store, Name, 28, Ct, layers: 1);
        var layer = (await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Layers[0];
        var blobPath = Path.Combine(store.Location, "blobs", "sha256", layer.Digest.Hex);
        var bytes = await File.ReadAllBytesAsync(blobPath, Ct);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(blobPath, bytes, Ct);

        var error = await Should.ThrowAsync<OciFormatException>(() =>
            ImageTransport.ExportAsync(store, image, TransportReference.Parse($"oci-archive:{folder.Combine("image.tar")}"), Ct));

        error.Message.ShouldContain(layer.Digest.ToString());
        Directory.GetFiles(folder.Path).ShouldBeEmpty();
    }
}

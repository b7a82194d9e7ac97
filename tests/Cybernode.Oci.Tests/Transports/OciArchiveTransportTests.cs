using System.Text.Json;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Validation;

namespace Cybernode.Oci.Tests.Transports;

public class OciArchiveTransportTests
{
    private const string Name = TransportScratch.Name;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_is_read_by_skopeo_under_the_full_image_name()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(21);
        var archive = scratch.Combine("image.tar");

        await scratch.ExportAsync(image, archive);

        foreach (var reference in new[] { $"oci-archive:{archive}", $"oci-archive:{archive}:{Name}" })
        {
            using var inspect = JsonDocument.Parse(await ExternalTool.RunAsync("skopeo", ["inspect", reference], Ct));
            inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Manifest.Digest.ToString());
            inspect.RootElement.GetProperty("Layers").GetArrayLength().ShouldBe(3);
        }

        Directory.GetFiles(scratch.Folder.Path).ShouldBe([archive]);
    }

    [Fact]
    public async Task Podman_loads_the_export_under_its_full_name()
    {
        await using var podman = await PodmanSandbox.CreateAsync(Ct);
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(22, layers: 1);
        var archive = await scratch.ExportToAsync(image, "image.tar");

        var names = await podman.LoadAsync(archive, Ct);

        names.ShouldContain(n => n.EndsWith("/" + Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exporting_the_same_image_twice_gives_identical_archives()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(23);

        await scratch.ExportAsync(image, scratch.Combine("a.tar"));
        await scratch.ExportAsync(image, scratch.Combine("b.tar"));

        (await File.ReadAllBytesAsync(scratch.Combine("b.tar"), Ct)).ShouldBe(await File.ReadAllBytesAsync(scratch.Combine("a.tar"), Ct));
    }

    [Fact]
    public async Task Round_trip_keeps_the_manifest_digest()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(24);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(archive, other);

        imported.Name.ShouldBe(Name);
        imported.Manifest.Digest.ShouldBe(image.Manifest.Digest);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_reads_an_archive_that_skopeo_wrote()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(25);
        var archive = scratch.Combine("skopeo.tar");
        await scratch.SkopeoCopyAsync(image, $"oci-archive:{archive}:cybernode/copied:3");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync($"{archive}:cybernode/copied:3", other);

        imported.Name.ShouldBe("cybernode/copied:3");
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Truncated_archive_is_refused_and_the_store_index_is_unchanged()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(26);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        ArchiveDamage.Truncate(archive, 0.6);
        var indexBefore = await TransportScratch.ReadIndexAsync(scratch.Store);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(archive, scratch.Store, "cybernode/other:1"));

        error.Message.ShouldContain("truncated");
        (await TransportScratch.ReadIndexAsync(scratch.Store)).ShouldBe(indexBefore);
    }

    [Fact]
    public async Task Archive_with_a_corrupted_layer_is_refused_and_the_store_index_is_unchanged()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(27);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        var damaged = await ArchiveDamage.CorruptLargestEntryAsync(archive, Ct);
        var other = await scratch.OpenOtherStoreAsync();
        var indexBefore = await TransportScratch.ReadIndexAsync(other);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(archive, other));

        error.Message.ShouldContain("corrupt");
        error.Message.ShouldContain(damaged["blobs/sha256/".Length..]);
        (await TransportScratch.ReadIndexAsync(other)).ShouldBe(indexBefore);
        (await other.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_of_a_corrupted_store_blob_fails_and_leaves_no_archive()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(28, layers: 1);
        var layer = (await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest)).Manifest.Layers[0];
        var blobPath = Path.Combine(scratch.Store.Location, "blobs", "sha256", layer.Digest.Hex);
        var bytes = await File.ReadAllBytesAsync(blobPath, Ct);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(blobPath, bytes, Ct);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ExportAsync(image, scratch.Combine("image.tar")));

        error.Message.ShouldContain(layer.Digest.ToString());
        Directory.GetFiles(scratch.Folder.Path).ShouldBeEmpty();
    }
}

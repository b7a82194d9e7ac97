using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Transports;

/// <summary>
/// Where a regular file is expected, links to devices, FIFOs and oversized documents are refused
/// at once, before anything is read: no hang, no gigabytes in memory.
/// </summary>
public class HostileFileTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zero")]
    [InlineData("fifo")]
    [InlineData("folder")]
    public async Task An_OCI_layout_whose_index_json_is_not_a_regular_file_is_refused_at_once(string kind)
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var layout = await scratch.ExportToAsync(await scratch.WriteImageAsync(1, layers: 1), "layout");
        await ReplaceAsync(Path.Combine(layout, "index.json"), kind);

        var error = await Should.ThrowAsync<StorageException>(() => scratch.ImportAsync(layout, scratch.Store, "x/y:1").WaitAsync(NoHang, Ct));

        error.Message.ShouldContain(Path.Combine(layout, "index.json"));
        error.Message.ShouldContain("not a regular file");
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("fifo")]
    public async Task An_OCI_layout_whose_manifest_or_layer_is_not_a_regular_file_is_refused_at_once(string kind)
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var image = await scratch.WriteImageAsync(2, layers: 1);
        var layout = await scratch.ExportToAsync(image, "layout");
        var layer = (await ImageReader.ReadAsync(scratch.Store, image.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Layers[0];
        await ReplaceAsync(Path.Combine(layout, "blobs", "sha256", image.Manifest.Digest.Hex), kind);
        await ReplaceAsync(Path.Combine(layout, "blobs", "sha256", layer.Digest.Hex), kind);
        using var other = await scratch.OpenOtherStoreAsync();

        var error = await Should.ThrowAsync<StorageException>(() => scratch.ImportAsync(layout, other, "x/y:1").WaitAsync(NoHang, Ct));

        error.Message.ShouldContain("not a regular file");
        (await other.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("oci-archive")]
    [InlineData("docker-archive")]
    public async Task A_FIFO_given_as_an_archive_is_refused_at_once(string transport)
    {
        using var folder = new TempFolder();
        var fifo = folder.Combine("archive.tar");
        await ExternalTool.RunAsync("mkfifo", [fifo], Ct);
        using var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);

        var error = await Should.ThrowAsync<StorageException>(() =>
            ImageTransport.ImportAsync(TransportReference.Parse($"{transport}:{fifo}"), store, "x/y:1", Ct).WaitAsync(NoHang, Ct));

        error.Message.ShouldBe($"{fifo} is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public async Task An_index_json_larger_than_a_document_may_be_is_refused_by_its_size_unread()
    {
        using var scratch = await TransportScratch.OpenAsync("oci");
        var layout = await scratch.ExportToAsync(await scratch.WriteImageAsync(3, layers: 1), "layout");
        await using (var index = File.OpenWrite(Path.Combine(layout, "index.json")))
        {
            index.SetLength(OciLimits.MaxDocumentSize + 1);
        }

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(layout, scratch.Store, "x/y:1"));

        error.Message.ShouldContain($"{OciLimits.MaxDocumentSize + 1} bytes");
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("fifo")]
    public async Task A_store_whose_index_json_is_not_a_regular_file_is_refused_at_once(string kind)
    {
        using var folder = new TempFolder();
        (await OciLayoutStore.OpenAsync(folder.Path, Ct)).Dispose();
        await ReplaceAsync(folder.Combine("index.json"), kind);

        var error = await Should.ThrowAsync<StorageException>(() => OciLayoutStore.OpenExisting(folder.Path).ListAsync(Ct).WaitAsync(NoHang, Ct));

        error.Message.ShouldContain("not a regular file");
    }

    [Fact]
    public async Task A_store_path_naming_a_file_is_refused_in_one_line()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("store");
        await File.WriteAllTextAsync(file, "not a store", Ct);

        var open = await Should.ThrowAsync<StorageException>(() => OciLayoutStore.OpenAsync(file, Ct));
        var existing = Should.Throw<StorageException>(() => OciLayoutStore.OpenExisting(file));

        open.Message.ShouldBe($"{file} is a regular file, not an image store folder");
        existing.Message.ShouldBe(open.Message);
        (await File.ReadAllTextAsync(file, Ct)).ShouldBe("not a store");
    }

    [Fact]
    public async Task Import_under_a_name_pinning_another_digest_is_refused_and_names_nothing()
    {
        using var scratch = await TransportScratch.OpenAsync("oci-archive");
        var image = await scratch.WriteImageAsync(4, layers: 1);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        using var other = await scratch.OpenOtherStoreAsync();
        var wrong = Digest.Compute([1, 2, 3]);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(archive, other, $"cybernode/x@{wrong}"));
        var right = await scratch.ImportAsync(archive, other, $"cybernode/x@{image.Manifest.Digest}");

        error.Message.ShouldContain(wrong.ToString());
        error.Message.ShouldContain(image.Manifest.Digest.ToString());
        right.Manifest.Digest.ShouldBe(image.Manifest.Digest);
        (await other.ListAsync(Ct)).Select(i => i.Name).ShouldBe([$"cybernode/x@{image.Manifest.Digest}"]);
    }

    [Fact]
    public async Task An_image_named_by_digest_only_exports_as_a_docker_archive_without_repo_tags_that_podman_loads()
    {
        await using var podman = await PodmanSandbox.CreateAsync(Ct);
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(5, layers: 1);
        var pinned = new TaggedImage($"cybernode/random@{image.Manifest.Digest}", image.Manifest);
        await scratch.Store.TagAsync(pinned.Name, image.Manifest, Ct);

        var archive = await scratch.ExportToAsync(pinned, "image.tar");
        await podman.LoadAsync(archive, Ct);
        using var other = await scratch.OpenOtherStoreAsync();
        var back = await scratch.ImportAsync(archive, other, "cybernode/back:1");

        var manifest = await ExternalTool.RunAsync("tar", ["-xOf", archive, "manifest.json"], Ct);
        manifest.ShouldNotContain("RepoTags");
        var original = await ImageReader.ReadAsync(scratch.Store, image.Manifest, Platform.LinuxAmd64, Ct);
        (await ImageReader.ReadAsync(other, back.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Config.Digest.ShouldBe(original.Manifest.Config.Digest);
    }

    private static async Task ReplaceAsync(string path, string kind)
    {
        File.Delete(path);
        switch (kind)
        {
            case "zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case "fifo":
                await ExternalTool.RunAsync("mkfifo", [path], Ct);
                break;
            default:
                Directory.CreateDirectory(path);
                break;
        }
    }
}

using System.Text;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Store;

public class OciLayoutStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_disposed_without_commit_leaves_no_blob_and_no_temp_file()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var content = Encoding.UTF8.GetBytes("never committed");

        await using (var upload = await store.BeginUploadAsync(Ct))
        {
            await upload.Content.WriteAsync(content, Ct);
        }

        (await store.ContainsAsync(Digest.Compute(content), Ct)).ShouldBeFalse();
        Directory.EnumerateFiles(folder.Combine("blobs"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
        OnlyOciFilesIn(folder.Path);
    }

    [Fact]
    public async Task Upload_with_the_wrong_expected_digest_is_refused_and_leaves_nothing()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var content = Encoding.UTF8.GetBytes("some content");
        var wrong = Digest.Compute(Encoding.UTF8.GetBytes("other content"));

        var error = await Should.ThrowAsync<OciFormatException>(() => store.PutAsync(new MemoryStream(content), wrong, Ct));

        error.Message.ShouldContain(wrong.ToString());
        (await store.ContainsAsync(Digest.Compute(content), Ct)).ShouldBeFalse();
        (await store.ContainsAsync(wrong, Ct)).ShouldBeFalse();
        OnlyOciFilesIn(folder.Path);
    }

    [Fact]
    public async Task Tag_points_an_existing_name_at_the_new_image()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var first = await RandomImage.WriteAsync(store, "cybernode/app:latest", 1, Ct, layers: 1);

        var second = await RandomImage.WriteAsync(store, "cybernode/app:latest", 2, Ct, layers: 1);

        var images = await store.ListAsync(Ct);
        images.Count.ShouldBe(1);
        images[0].Manifest.Digest.ShouldBe(second.Manifest.Digest);
        images[0].Manifest.Digest.ShouldNotBe(first.Manifest.Digest);
    }

    [Fact]
    public async Task Index_lists_images_sorted_by_name()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        foreach (var name in new[] { "zeta:1", "alpha:2", "cybernode/m:latest", "alpha:1" })
        {
            await RandomImage.WriteAsync(store, name, 1, Ct, layers: 1);
        }

        (await store.ListAsync(Ct)).Select(i => i.Name).ShouldBe(["alpha:1", "alpha:2", "cybernode/m:latest", "zeta:1"]);
    }

    [Fact]
    public async Task Reopening_the_folder_keeps_names_and_blobs()
    {
        using var folder = new TempFolder();
        var image = await RandomImage.WriteAsync(await OciLayoutStore.OpenAsync(folder.Path, Ct), "cybernode/app:1", 3, Ct);

        var reopened = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        var found = await ImageReader.FindAsync(reopened, "cybernode/app:1", Ct);
        found.ShouldNotBeNull().Manifest.Digest.ShouldBe(image.Manifest.Digest);
        var read = await ImageReader.ReadAsync(reopened, found.Manifest, Platform.LinuxAmd64, Ct);
        read.Manifest.Layers.Count.ShouldBe(3);
        OciLayoutStore.OpenExisting(folder.Path).Location.ShouldBe(reopened.Location);
    }

    [Fact]
    public async Task Concurrent_tags_from_many_tasks_lose_none()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "base:latest", 1, Ct, layers: 1);
        var names = Enumerable.Range(0, 24).Select(i => $"cybernode/app:v{i}").ToList();

        await Task.WhenAll(names.Select(name => Task.Run(() => store.TagAsync(name, image.Manifest, Ct), Ct)));

        (await store.ListAsync(Ct)).Select(i => i.Name).ShouldBe(names.Append("base:latest").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tag_refuses_a_manifest_that_is_not_in_the_store()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var missing = new Descriptor(MediaTypes.ImageManifest, Digest.Compute([1, 2, 3]), 3);

        await Should.ThrowAsync<InvalidOperationException>(() => store.TagAsync("a:b", missing, Ct));
    }

    [Fact]
    public async Task A_layout_written_by_the_store_holds_only_the_files_the_OCI_spec_names()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        await RandomImage.WriteAsync(store, "cybernode/app:latest", 1, Ct, layers: 2);

        OnlyOciFilesIn(folder.Path);
    }

    private static void OnlyOciFilesIn(string layout) =>
        Directory.EnumerateFileSystemEntries(layout).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["blobs", "index.json", "oci-layout"]);
}

using System.Text;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Store;

/// <summary>Temp files a dead writer left, store verify and store gc, and the locks that keep gc off a writer's blobs.</summary>
public class StoreMaintenanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_a_store_removes_temp_files_no_live_writer_holds_and_keeps_held_ones()
    {
        using var folder = new TempFolder();
        (await OciLayoutStore.OpenAsync(folder.Path, Ct)).Dispose();
        var dead = StaleTempFile(folder.Path, "dead");
        var live = StaleTempFile(folder.Path, "live");
        await using var held = new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        using var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        File.Exists(dead).ShouldBeFalse();
        File.Exists(live).ShouldBeTrue();
    }

    [Fact]
    public async Task A_temp_file_written_after_the_opening_process_started_is_left_to_gc()
    {
        using var folder = new TempFolder();
        (await OciLayoutStore.OpenAsync(folder.Path, Ct)).Dispose();
        var fresh = Path.Combine(folder.Path, TempFiles.Prefix + "fresh");
        await File.WriteAllTextAsync(fresh, "a writer that has not taken its lock yet", Ct);

        using var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        File.Exists(fresh).ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_of_a_store_written_by_the_store_is_clean()
    {
        using var folder = new TempFolder();
        using var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct);
        await RandomImage.WriteIndexAsync(store, "cybernode/multi:1", 2, [Platform.LinuxAmd64, new Platform("arm64", "linux")], Ct);

        var result = await StoreVerifier.VerifyAsync(store, Ct);

        result.Damage.ShouldBeEmpty();
        result.Orphans.ShouldBeEmpty();
        result.Stray.ShouldBeEmpty();
        result.Images.ShouldBe(2);
        result.Blobs.ShouldBe(Directory.GetFiles(folder.Combine("blobs", "sha256")).Length);
    }

    [Fact]
    public async Task Verify_reports_a_corrupt_blob_a_missing_layer_and_a_wrong_size_as_damage()
    {
        using var folder = new TempFolder();
        using var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var corrupt = await RandomImage.WriteAsync(store, "cybernode/corrupt:1", 1, Ct, layers: 1);
        var missing = await RandomImage.WriteAsync(store, "cybernode/missing:1", 2, Ct, layers: 1);
        var corruptLayer = (await ImageReader.ReadAsync(store, corrupt.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Layers[0];
        var missingLayer = (await ImageReader.ReadAsync(store, missing.Manifest, Platform.LinuxAmd64, Ct)).Manifest.Layers[0];
        var bytes = await File.ReadAllBytesAsync(store.BlobPath(corruptLayer.Digest), Ct);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(store.BlobPath(corruptLayer.Digest), bytes, Ct);
        File.Delete(store.BlobPath(missingLayer.Digest));

        var result = await StoreVerifier.VerifyAsync(store, Ct);

        result.Clean.ShouldBeFalse();
        result.Damage.ShouldContain(d => d.Contains(corruptLayer.Digest.ToString()) && d.Contains("corrupt"));
        result.Damage.ShouldContain(d => d.Contains("cybernode/missing:1") && d.Contains(missingLayer.Digest.ToString()) && d.Contains("missing"));
    }

    [Fact]
    public async Task Verify_lists_orphans_and_stray_files_without_calling_them_damage()
    {
        using var folder = new TempFolder();
        using var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct, layers: 1);
        var orphan = await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("nobody points here")), null, Ct);
        var temp = StaleTempFile(folder.Path, "left");
        await File.WriteAllTextAsync(folder.Combine("notes.txt"), "a user's file", Ct);
        await File.WriteAllTextAsync(folder.Combine("blobs", "sha256", "not-a-digest"), "x", Ct);

        var result = await StoreVerifier.VerifyAsync(store, Ct);

        result.Clean.ShouldBeTrue();
        result.Orphans.Select(o => o.Digest).ShouldBe([orphan.Digest]);
        result.Stray.Select(s => (Path.GetFileName(s.Path), s.Temporary, s.Live)).Order().ShouldBe(
            [(Path.GetFileName(temp), true, false), ("not-a-digest", false, false), ("notes.txt", false, false)]);
    }

    [Fact]
    public async Task Gc_removes_orphans_and_stale_temp_files_and_keeps_every_image_and_unnamed_index_entries()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var kept = await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct);
        var replaced = await RandomImage.WriteAsync(store, "cybernode/b:1", 2, Ct, layers: 1);
        await RandomImage.WriteAsync(store, "cybernode/b:1", 3, Ct, layers: 1);
        var temp = StaleTempFile(folder.Path, "left");
        store.Dispose();
        var before = await StoreVerifier.VerifyAsync(OciLayoutStore.OpenExisting(folder.Path), Ct);

        using var maintenance = await OciLayoutStore.OpenForMaintenanceAsync(folder.Path, null, Ct);
        var result = await StoreCollector.CollectAsync(maintenance, [], dryRun: false, Ct);

        result.Blobs.Select(b => b.Digest.ToString()).Order().ShouldBe(before.Orphans.Select(o => o.Digest.ToString()).Order());
        result.Blobs.ShouldContain(b => b.Digest == replaced.Manifest.Digest);
        result.TempFiles.Select(t => t.Path).ShouldBe([temp]);
        result.Bytes.ShouldBe(before.Orphans.Sum(o => o.Size) + 5);
        var after = await StoreVerifier.VerifyAsync(maintenance, Ct);
        after.Clean.ShouldBeTrue();
        after.Orphans.ShouldBeEmpty();
        after.Stray.ShouldBeEmpty();
        (await ImageReader.FindAsync(maintenance, "cybernode/a:1", Ct)).ShouldNotBeNull().Manifest.Digest.ShouldBe(kept.Manifest.Digest);
    }

    [Fact]
    public async Task Gc_keeps_what_extra_roots_reach()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct, layers: 1);
        await RandomImage.WriteAsync(store, "cybernode/a:1", 2, Ct, layers: 1);
        store.Dispose();

        using var maintenance = await OciLayoutStore.OpenForMaintenanceAsync(folder.Path, null, Ct);
        var result = await StoreCollector.CollectAsync(maintenance, [("build output", image.Manifest)], dryRun: false, Ct);

        result.Blobs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Gc_dry_run_removes_nothing()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        await store.PutAsync(new MemoryStream([1, 2, 3]), null, Ct);
        StaleTempFile(folder.Path, "left");
        store.Dispose();
        var before = Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order().ToList();

        using var maintenance = await OciLayoutStore.OpenForMaintenanceAsync(folder.Path, null, Ct);
        var result = await StoreCollector.CollectAsync(maintenance, [], dryRun: true, Ct);

        result.Blobs.Count.ShouldBe(1);
        result.TempFiles.Count.ShouldBe(1);
        Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order().ShouldBe(before);
    }

    [Fact]
    public async Task Gc_waits_until_no_writer_has_the_store_open_and_keeps_writers_out_while_it_runs()
    {
        using var folder = new TempFolder();
        var writer = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var waited = false;

        var maintenance = OciLayoutStore.OpenForMaintenanceAsync(folder.Path, () => waited = true, Ct);
        await Task.Delay(300, Ct);
        maintenance.IsCompleted.ShouldBeFalse();
        waited.ShouldBeTrue();
        writer.Dispose();
        using var opened = await maintenance.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var secondWriter = OciLayoutStore.OpenAsync(folder.Path, Ct);
        await Task.Delay(300, Ct);

        secondWriter.IsCompleted.ShouldBeFalse();
        opened.Dispose();
        (await secondWriter.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task Gc_removes_nothing_from_a_store_whose_manifest_is_missing()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/a:1", 1, Ct, layers: 2);
        File.Delete(store.BlobPath(image.Manifest.Digest));
        store.Dispose();
        var before = Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order().ToList();

        using var maintenance = await OciLayoutStore.OpenForMaintenanceAsync(folder.Path, null, Ct);
        var error = await Should.ThrowAsync<OciFormatException>(() => StoreCollector.CollectAsync(maintenance, [], dryRun: false, Ct));

        error.Message.ShouldContain("damaged");
        error.Message.ShouldContain(image.Manifest.Digest.ToString());
        Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order().ShouldBe(before);
    }

    [Fact]
    public async Task A_failed_import_leaves_its_verified_blobs_as_orphans_that_gc_removes()
    {
        using var folder = new TempFolder();
        var source = await OciLayoutStore.OpenAsync(folder.Combine("source"), Ct);
        var image = await RandomImage.WriteAsync(source, "cybernode/a:1", 1, Ct, layers: 2);
        var read = await ImageReader.ReadAsync(source, image.Manifest, Platform.LinuxAmd64, Ct);
        File.Delete(source.BlobPath(read.Manifest.Layers[1].Digest));
        var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct);

        await Should.ThrowAsync<OciFormatException>(() => ImageTransport.ImportAsync(
            TransportReference.Parse($"oci:{folder.Combine("source")}"), store, null, Ct));
        store.Dispose();

        var orphans = (await StoreVerifier.VerifyAsync(OciLayoutStore.OpenExisting(folder.Combine("store")), Ct)).Orphans;
        orphans.Select(o => o.Digest).ShouldContain(read.Manifest.Layers[0].Digest);
        using var maintenance = await OciLayoutStore.OpenForMaintenanceAsync(folder.Combine("store"), null, Ct);
        (await StoreCollector.CollectAsync(maintenance, [], dryRun: false, Ct)).Blobs.Count.ShouldBe(orphans.Count);
        Directory.GetFiles(folder.Combine("store", "blobs", "sha256")).ShouldBeEmpty();
    }

    /// <summary>A temp file as a killed writer leaves it: unlocked, last written well before now. Holds 5 bytes.</summary>
    private static string StaleTempFile(string store, string name)
    {
        var path = Path.Combine(store, TempFiles.Prefix + name);
        File.WriteAllText(path, "stale");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }
}

using Cybernode.Build.Caching;
using Cybernode.Oci;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Tests.Caching;

public class OutputCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static StepInputs Inputs(string file) =>
        new("HostScript", new(StringComparer.Ordinal) { ["main.go"] = file }, new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    private static void FillOutput(TempFolder folder)
    {
        folder.Write("svc/bin/app", "#!/bin/sh\necho hi\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        folder.Write("svc/bin/share/data.txt", "data");
        folder.Write("svc/bin/copy.txt", "data");
        Directory.CreateDirectory(folder["svc/bin/empty"]);
        File.CreateSymbolicLink(folder["svc/bin/link"], "share/data.txt");
        File.SetUnixFileMode(folder["svc/bin/share"], UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
    }

    private static string Describe(string folder) => string.Join('\n', Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p =>
        {
            var info = new FileInfo(p);
            var kind = info.LinkTarget is not null ? $"link {info.LinkTarget}" : Directory.Exists(p) ? "dir" : $"file {File.ReadAllText(p)} {info.LastWriteTimeUtc.Ticks}";
            return $"{Path.GetRelativePath(folder, p)} {kind} {(info.LinkTarget is null ? File.GetUnixFileMode(p) : 0)}";
        }));

    [Fact]
    public async Task A_stored_output_comes_back_byte_for_byte_with_modes_links_and_empty_folders()
    {
        using var folder = new TempFolder();
        FillOutput(folder);
        var before = Describe(folder["svc/bin"]);
        using var store = await OciLayoutStore.OpenAsync(folder["store"], Token);
        var cache = new OutputCache(store, StatCache.Load(folder["state"]));
        var record = await cache.SaveAsync(folder.Path, "svc/HostScript", Inputs("a"), folder["svc/bin"], Token);

        Directory.Delete(folder["svc/bin"], recursive: true);
        var found = await cache.FindAsync(folder.Path, "svc/HostScript", Inputs("a").Key(), Token);
        found.ShouldNotBeNull();
        await cache.RestoreAsync((await cache.ReadAsync(found, Token)).Outputs, folder["svc/bin"], Token);

        Describe(folder["svc/bin"]).ShouldBe(before);
        record.Key.ShouldBe(Inputs("a").Key());
    }

    [Fact]
    public async Task Cache_records_are_roots_store_verify_accepts_and_gc_keeps_and_no_image_listing_shows()
    {
        using var folder = new TempFolder();
        FillOutput(folder);
        using (var store = await OciLayoutStore.OpenAsync(folder["store"], Token))
        {
            var cache = new OutputCache(store, StatCache.Load(folder["state"]));
            await cache.SaveAsync(folder.Path, "svc/HostScript", Inputs("a"), folder["svc/bin"], Token);
            (await store.ListAsync(Token)).ShouldBeEmpty();
        }

        using (var store = OciLayoutStore.OpenExisting(folder["store"]))
        {
            var verification = await StoreVerifier.VerifyAsync(store, Token);
            verification.Damage.ShouldBeEmpty();
            verification.Orphans.ShouldBeEmpty();
            verification.Stray.ShouldBeEmpty();
        }

        using (var maintenance = await OciLayoutStore.OpenForMaintenanceAsync(folder["store"], null, Token))
        {
            (await StoreCollector.CollectAsync(maintenance, [], dryRun: false, Token)).Blobs.ShouldBeEmpty();
        }

        using var reopened = await OciLayoutStore.OpenAsync(folder["store"], Token);
        var again = new OutputCache(reopened, StatCache.Load(folder["state"]));
        var found = await again.FindAsync(folder.Path, "svc/HostScript", Inputs("a").Key(), Token);
        Directory.Delete(folder["svc/bin"], recursive: true);
        await again.RestoreAsync((await again.ReadAsync(found!, Token)).Outputs, folder["svc/bin"], Token);
        File.ReadAllText(folder["svc/bin/share/data.txt"]).ShouldBe("data");
    }

    [Fact]
    public async Task A_step_keeps_its_newest_results_and_removed_ones_leave_only_what_gc_collects()
    {
        using var folder = new TempFolder();
        FillOutput(folder);
        using var store = await OciLayoutStore.OpenAsync(folder["store"], Token);
        var cache = new OutputCache(store, StatCache.Load(folder["state"]));
        for (var i = 0; i < OutputCache.Kept + 2; i++)
        {
            await cache.SaveAsync(folder.Path, "svc/HostScript", Inputs($"v{i}"), folder["svc/bin"], Token);
        }

        var records = await OutputCache.ListAsync(store, Token);
        records.Select(r => r.Key).ShouldBe(Enumerable.Range(2, OutputCache.Kept).Select(i => Inputs($"v{i}").Key()), ignoreOrder: true);
        (await cache.LatestAsync(folder.Path, "svc/HostScript", Token))!.Key.ShouldBe(Inputs($"v{OutputCache.Kept + 1}").Key());
        (await OutputCache.SizeAsync(store, records[0], Token)).ShouldBeGreaterThan(0);

        await OutputCache.RemoveAsync(store, records, Token);
        (await OutputCache.ListAsync(store, Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_fifo_in_the_output_is_refused_with_its_path()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["svc/bin"]);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", folder["svc/bin/pipe"]))
        {
            await mkfifo.WaitForExitAsync(Token);
        }

        using var store = await OciLayoutStore.OpenAsync(folder["store"], Token);
        var cache = new OutputCache(store, StatCache.Load(folder["state"]));
        var error = await Should.ThrowAsync<UserError>(() => cache.SaveAsync(folder.Path, "svc/HostScript", Inputs("a"), folder["svc/bin"], Token));
        error.Message.ShouldContain("pipe is a FIFO");
        (await OutputCache.ListAsync(store, Token)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("link/through")]
    public async Task A_tampered_tree_never_writes_outside_the_folder(string path)
    {
        using var folder = new TempFolder();
        using var store = await OciLayoutStore.OpenAsync(folder["store"], Token);
        var blob = await store.PutAsync(new MemoryStream("x"u8.ToArray()), null, Token);
        TreeEntry[] tree =
        [
            new("link", TreeEntry.LinkType, 0, 0) { Target = "/tmp" },
            new(path, TreeEntry.FileType, 0x1A4, 0) { Digest = blob.Digest, Size = 1 },
        ];
        await Should.ThrowAsync<OciFormatException>(() => TreeRestore.RestoreAsync(store, tree, folder["svc/bin"], Token));
        File.Exists(folder["escape"]).ShouldBeFalse();
    }

    [Fact]
    public async Task Damaged_stored_content_is_refused_while_restoring()
    {
        using var folder = new TempFolder();
        FillOutput(folder);
        using var store = await OciLayoutStore.OpenAsync(folder["store"], Token);
        var cache = new OutputCache(store, StatCache.Load(folder["state"]));
        await cache.SaveAsync(folder.Path, "svc/HostScript", Inputs("a"), folder["svc/bin"], Token);
        var blob = store.BlobPath(Digest.Compute("data"u8));
        File.SetUnixFileMode(blob, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(blob, "DATA", Token);

        var found = await cache.FindAsync(folder.Path, "svc/HostScript", Inputs("a").Key(), Token);
        await Should.ThrowAsync<OciFormatException>(async () => await cache.RestoreAsync((await cache.ReadAsync(found!, Token)).Outputs, folder["svc/bin"], Token));
    }
}

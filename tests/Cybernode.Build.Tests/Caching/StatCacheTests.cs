using Cybernode.Build.Caching;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Tests.Caching;

public class StatCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unchanged_file_is_not_read_again_after_the_cache_is_saved_and_loaded()
    {
        using var folder = new TempFolder();
        var file = folder.Write("src/main.go", "package main\n");
        await SettleAsync();
        var first = StatCache.Load(folder["state"]);
        var digest = await first.DigestAsync(file, RegularFile.StampOf(file), Token);
        await first.SaveAsync(Token);

        var second = StatCache.Load(folder["state"]);
        (await second.DigestAsync(file, RegularFile.StampOf(file), Token)).ShouldBe(digest);
        second.FilesRead.ShouldBe(0);
        digest.ShouldBe(Digest.Compute("package main\n"u8));
    }

    [Fact]
    public async Task A_file_rewritten_with_the_same_size_and_mtime_is_read_again_because_its_ctime_moved()
    {
        using var folder = new TempFolder();
        var file = folder.Write("a.txt", "aaaa");
        await SettleAsync();
        var cache = StatCache.Load(folder["state"]);
        await cache.DigestAsync(file, RegularFile.StampOf(file), Token);
        var mtime = File.GetLastWriteTimeUtc(file);

        await File.WriteAllTextAsync(file, "bbbb", Token);
        File.SetLastWriteTimeUtc(file, mtime);
        (await cache.DigestAsync(file, RegularFile.StampOf(file), Token)).ShouldBe(Digest.Compute("bbbb"u8));
        cache.FilesRead.ShouldBe(2);
    }

    [Fact]
    public async Task A_file_hashed_in_the_tick_it_was_written_is_not_trusted_later()
    {
        using var folder = new TempFolder();
        var file = folder.Write("racy.txt", "x");
        var cache = StatCache.Load(folder["state"]);
        await cache.DigestAsync(file, RegularFile.StampOf(file), Token);
        await cache.DigestAsync(file, RegularFile.StampOf(file), Token);
        cache.FilesRead.ShouldBe(2);
    }

    [Fact]
    public async Task A_damaged_cache_file_counts_as_empty_and_is_replaced()
    {
        using var folder = new TempFolder();
        var file = folder.Write("a.txt", "a");
        folder.Write($"state/{StatCache.FileName}", "cybernode-stat-cache 1\nnot a line\n\0\0garbage");
        await SettleAsync();
        var cache = StatCache.Load(folder["state"]);
        (await cache.DigestAsync(file, RegularFile.StampOf(file), Token)).ShouldBe(Digest.Compute("a"u8));
        await cache.SaveAsync(Token);
        (await File.ReadAllLinesAsync(folder[$"state/{StatCache.FileName}"], Token)).Length.ShouldBe(2);
    }

    /// <summary>Lets the kernel's clock move past the files just written, as it has for any file not being edited.</summary>
    internal static Task SettleAsync() => Task.Delay(150, TestContext.Current.CancellationToken);
}

using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;

namespace Cybernode.Oci.Tests.Registry;

public sealed class BlobLocationCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string CachePath => _folder.Combine("cache", "cybernode", "blob-locations");

    [Fact]
    public void What_one_run_saves_the_next_finds_newest_first_for_that_registry_only()
    {
        var digest = DigestOf(1);
        var first = new BlobLocationCache(CachePath);
        first.Record("registry.lan:5000", "team/old", digest);
        first.Record("other.lan", "team/elsewhere", digest);
        first.Save();
        var second = new BlobLocationCache(CachePath);
        second.Record("registry.lan:5000", "team/new", digest);
        second.Save();

        var third = new BlobLocationCache(CachePath);

        third.RepositoriesWith("registry.lan:5000", digest).ShouldBe(["team/new", "team/old"], ignoreOrder: true);
        third.RepositoriesWith("registry.lan:5000", DigestOf(2)).ShouldBeEmpty();
        third.RepositoriesWith("other.lan", digest).ShouldBe(["team/elsewhere"]);
    }

    [Fact]
    public void The_file_keeps_at_most_its_bound_of_lines()
    {
        var cache = new BlobLocationCache(CachePath);
        for (var i = 0; i < BlobLocationCache.MaxEntries + 50; i++)
        {
            cache.Record("registry.lan", "team/app", DigestOf(i));
        }

        cache.Save();

        File.ReadAllLines(CachePath).Length.ShouldBe(BlobLocationCache.MaxEntries + 1);
    }

    [Theory]
    [InlineData("not the header\n")]
    [InlineData("cybernode blob locations 1\nsha256:zz registry.lan team/app 1\n")]
    [InlineData("cybernode blob locations 1\nsha256:0000000000000000000000000000000000000000000000000000000000000000 registry.lan\n")]
    public void A_file_that_does_not_parse_is_ignored_and_rewritten(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllText(CachePath, content);
        var cache = new BlobLocationCache(CachePath);

        cache.RepositoriesWith("registry.lan", DigestOf(1)).ShouldBeEmpty();
        cache.Record("registry.lan", "team/app", DigestOf(1));
        cache.Save();

        var lines = File.ReadAllLines(CachePath);
        lines.Length.ShouldBe(2);
        lines[0].ShouldBe("cybernode blob locations 1");
        lines[1].ShouldStartWith($"{DigestOf(1)} registry.lan team/app ");
    }

    [Fact]
    public void Two_caches_saving_at_once_keep_both_sets_of_lines()
    {
        var caches = Enumerable.Range(0, 8).Select(_ => new BlobLocationCache(CachePath)).ToList();
        for (var i = 0; i < caches.Count; i++)
        {
            caches[i].Record("registry.lan", $"team/app{i}", DigestOf(i));
        }

        Parallel.ForEach(caches, cache => cache.Save());

        var lines = File.ReadAllLines(CachePath);
        lines.Length.ShouldBe(caches.Count + 1);
        Directory.EnumerateFiles(Path.GetDirectoryName(CachePath)!, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void A_cache_that_cannot_be_written_costs_nothing_but_the_record()
    {
        File.WriteAllText(_folder.Combine("cache"), "a file where the folder should be");
        var cache = new BlobLocationCache(CachePath);
        cache.Record("registry.lan", "team/app", DigestOf(1));

        Should.NotThrow(cache.Save);
    }

    public void Dispose() => _folder.Dispose();

    private static Digest DigestOf(int seed) => Digest.Compute(BitConverter.GetBytes(seed));
}

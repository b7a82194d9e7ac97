using Cybernode.Build.Bases;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Tests.Bases;

public sealed class BaseLockTests : IDisposable
{
    private static readonly Digest First = Digest.Compute("first"u8);
    private static readonly Digest Second = Digest.Compute("second"u8);
    private readonly TempFolder _ws = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string LockPath => Path.Combine(_ws.Path, BaseLock.FileName);

    [Fact]
    public void Lines_are_sorted_by_reference_then_platform_under_a_header_saying_how_to_refresh_them()
    {
        var written = BaseLock.Empty.With([
            new LockedBase("debian:12", new Platform("arm64", "linux"), Second),
            new LockedBase("127.0.0.1:5000/base:1", Platform.LinuxAmd64, First),
            new LockedBase("debian:12", Platform.LinuxAmd64, First),
        ]).Format();

        var lines = written.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => l.StartsWith('#')).ShouldContain(l => l.Contains("cybernode update"));
        lines.Where(l => !l.StartsWith('#')).ShouldBe([
            $"127.0.0.1:5000/base:1 linux/amd64 {First}",
            $"debian:12 linux/amd64 {First}",
            $"debian:12 linux/arm64 {Second}",
        ]);
        BaseLock.Parse(written, LockPath).Format().ShouldBe(written);
    }

    [Theory]
    [InlineData("debian:12 linux/amd64")]
    [InlineData("debian:12 linux/amd64 sha256:123")]
    [InlineData("Debian:12 linux/amd64 sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("docker.io/library/debian:12 linux/amd64 sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("debian:12 amd64 sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("debian:12 linux/amd64 sha256:0000000000000000000000000000000000000000000000000000000000000000 extra")]
    public void A_malformed_line_is_one_error_naming_the_file_and_line(string line)
    {
        var text = $"# header\n\n{line}\n";

        var error = Should.Throw<UserError>(() => BaseLock.Parse(text, LockPath));

        error.Describe().ShouldStartWith($"{LockPath}:3: not a locked base");
        error.Excerpt.ShouldBe(line);
    }

    [Fact]
    public void A_base_locked_twice_is_refused_at_the_second_line()
    {
        var text = $"debian:12 linux/amd64 {First}\ndebian:12 linux/amd64 {Second}\n";

        Should.Throw<UserError>(() => BaseLock.Parse(text, LockPath)).Describe().ShouldStartWith($"{LockPath}:2: not a locked base: debian:12 (linux/amd64) is locked twice");
    }

    [Fact]
    public async Task An_unchanged_lock_is_not_written_again()
    {
        var line = new LockedBase("debian:12", Platform.LinuxAmd64, First);
        await BaseLockFile.UpdateAsync(_ws.Path, l => l.With([line]), Token);
        var before = File.GetLastWriteTimeUtc(LockPath);
        File.SetLastWriteTimeUtc(LockPath, before.AddHours(-1));

        await BaseLockFile.UpdateAsync(_ws.Path, l => l.With([line]), Token);

        File.GetLastWriteTimeUtc(LockPath).ShouldBe(before.AddHours(-1));
    }

    [Fact]
    public async Task No_lock_file_is_made_for_a_workspace_without_remote_bases()
    {
        await BaseLockFile.UpdateAsync(_ws.Path, l => l, Token);

        File.Exists(LockPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Builds_writing_the_lock_at_once_each_keep_their_line_and_no_reader_sees_a_torn_file()
    {
        var writers = Enumerable.Range(0, 24).Select(i => Task.Run(() => BaseLockFile.UpdateAsync(
            _ws.Path, l => l.With([new LockedBase($"base{i:D2}:1", Platform.LinuxAmd64, i % 2 == 0 ? First : Second)]), Token))).ToList();
        var torn = 0;
        while (!writers.All(w => w.IsCompleted))
        {
            try
            {
                BaseLockFile.Read(_ws.Path);
            }
            catch (UserError)
            {
                torn++;
            }
        }

        await Task.WhenAll(writers);
        torn.ShouldBe(0);
        BaseLockFile.Read(_ws.Path).Entries.Select(e => e.Reference).ShouldBe(Enumerable.Range(0, 24).Select(i => $"base{i:D2}:1"));
        Directory.GetFiles(_ws.Path).ShouldBe([LockPath]);
    }

    public void Dispose() => _ws.Dispose();
}

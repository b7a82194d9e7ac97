using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// `cybernode build` with the whole build context copied, and with a .dockerignore that is broken or
/// hostile: one line naming the file (and line), exit 1, the store as it was, and never a hang.
/// </summary>
public sealed class BuildContextCliTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Copy_dot_takes_the_whole_service_folder_as_dockerignore_filters_it_and_umoci_unpacks_it()
    {
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY . /app/\n", "a.txt", "b.log");
        var service = Path.GetDirectoryName(dockerfile)!;
        File.WriteAllText(Path.Combine(service, ".dockerignore"), "*.log\nbig.bin\n");

        await CybernodeCli.BuildAsync(_workspace.Root, _workspace.Store, Token);

        var layout = _workspace.Outside("layout");
        (await CybernodeCli.RunAsync(["export", "cybernode/svc-app", "-o", layout, "--format", "oci", "--store", _workspace.Store], Token)).EnsureSuccess();
        var bundle = _workspace.Outside("bundle");
        await Umoci.UnpackAsync(new OciLayoutImage(layout, "cybernode/svc-app:latest"), bundle, Token);
        var files = Directory.EnumerateFileSystemEntries(Path.Combine(bundle, "rootfs", "app"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        files.ShouldBe([".dockerignore", "Dockerfile", "a.txt"]);
    }

    [Fact]
    public async Task A_dockerignore_with_an_unclosed_bracket_is_refused_at_its_line()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        var ignore = Path.Combine(Path.GetDirectoryName(dockerfile)!, ".dockerignore");
        File.WriteAllText(ignore, "*.o\n[\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{ignore}:2: ", "hint:");
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/etc/passwd")]
    public async Task A_dockerignore_linked_outside_the_service_folder_is_refused_unread(string target)
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        var ignore = Path.Combine(Path.GetDirectoryName(dockerfile)!, ".dockerignore");
        File.CreateSymbolicLink(ignore, target);

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{ignore}: ", "outside the build context");
        result.StandardError.ShouldNotContain("root:");
    }

    [Fact]
    public async Task A_dockerignore_that_is_a_fifo_is_refused_without_waiting_for_a_writer()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        var ignore = Path.Combine(Path.GetDirectoryName(dockerfile)!, ".dockerignore");
        (await ProcessRunner.RunAsync(RequiredTool.Find("mkfifo", "coreutils"), [ignore], cancellationToken: Token)).EnsureSuccess();

        var result = await _workspace.FailingBuildAsync(Token).WaitAsync(TimeSpan.FromMinutes(1), Token);

        result.ShouldFailCleanly(1, $"{ignore}: ", "not a regular file");
    }

    [Fact]
    public async Task A_dockerignore_of_more_than_a_mebibyte_is_refused()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        var ignore = Path.Combine(Path.GetDirectoryName(dockerfile)!, ".dockerignore");
        File.WriteAllText(ignore, string.Concat(Enumerable.Repeat("some/pattern/*.tmp\n", 60_000)));

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{ignore}: ", "larger than 1 MiB");
        result.StandardError.Length.ShouldBeLessThan(1000);
    }
}

using System.Globalization;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// Hostile files where regular ones are expected (bounded time and memory), a full disk during
/// build, import and export, and store verify / gc as a user runs them.
/// </summary>
public sealed class StoreReliabilityTests : IDisposable
{
    private const long MaxPeakRssKiB = 200 * 1024;
    private const int LargeFileSize = 3 << 20;

    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("index.json", "zero")]
    [InlineData("index.json", "fifo")]
    [InlineData("manifest", "zero")]
    [InlineData("layer", "zero")]
    [InlineData("layer", "fifo")]
    public async Task Import_of_a_layout_holding_a_device_or_FIFO_fails_at_once_in_little_memory(string file, string kind)
    {
        await _workspace.SeedStoreAsync(Token);
        var layout = _workspace.Outside("layout");
        (await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", layout, "--format", "oci", "--store", _workspace.Store], Token)).EnsureSuccess();
        var target = file switch
        {
            "index.json" => Path.Combine(layout, "index.json"),
            "manifest" => BlobPath(layout, (await Inspect()).GetProperty("digest").GetString()!),
            _ => BlobPath(layout, (await Inspect()).GetProperty("manifest").GetProperty("layers")[0].GetProperty("digest").GetString()!),
        };
        await ReplaceAsync(target, kind);

        // Into a new store: the seed store holds the layer already and would not read it again.
        var (result, peakKiB) = await RunMeasuredAsync(["import", $"oci:{layout}", "x/y:1", "--store", _workspace.Outside("other-store")]);

        result.ShouldFailCleanly(1, $"{target} is", "not a regular file");
        peakKiB.ShouldBeLessThan(MaxPeakRssKiB);
    }

    [Theory]
    [InlineData("oci-archive")]
    [InlineData("docker-archive")]
    public async Task Import_of_a_FIFO_as_an_archive_fails_at_once(string transport)
    {
        await _workspace.SeedStoreAsync(Token);
        var fifo = _workspace.Outside("archive.fifo");
        await Tool("mkfifo", fifo);

        var (result, peakKiB) = await RunMeasuredAsync(["import", $"{transport}:{fifo}", "x/y:1", "--store", _workspace.Store]);

        result.ShouldFailCleanly(1, $"{fifo} is a FIFO (named pipe), not a regular file");
        peakKiB.ShouldBeLessThan(MaxPeakRssKiB);
    }

    [Fact]
    public async Task A_store_whose_index_json_links_to_dev_zero_is_refused_at_once_in_little_memory()
    {
        await _workspace.SeedStoreAsync(Token);
        await ReplaceAsync(Path.Combine(_workspace.Store, "index.json"), "zero");

        var (result, peakKiB) = await RunMeasuredAsync(["images", "--store", _workspace.Store]);

        result.ShouldFailCleanly(1, "index.json is a character device, not a regular file");
        peakKiB.ShouldBeLessThan(MaxPeakRssKiB);
    }

    [Fact]
    public async Task A_full_disk_during_build_import_and_export_fails_in_one_line_and_leaves_no_temp_file()
    {
        using var disk = await SmallDisk.MountAsync(_workspace.Outside("disk"), Token);
        _workspace.AddService("app", "FROM scratch\nCOPY large.bin /\n");
        WriteRandomFile(Path.Combine(_workspace.Root, "app", "large.bin"), LargeFileSize, 1);
        var store = Path.Combine(disk.Path, "store");
        var bigStore = _workspace.Store;
        await CybernodeCli.BuildAsync(_workspace.Root, bigStore, Token);
        var archive = _workspace.Outside("app.tar");
        (await CybernodeCli.RunAsync(["export", "cybernode/app", "-o", archive, "--format", "oci-archive", "--store", bigStore], Token)).EnsureSuccess();

        var build = await CybernodeCli.RunAsync(["build", _workspace.Root, "--store", store], Token);
        var import = await CybernodeCli.RunAsync(["import", $"oci-archive:{archive}", "--store", store], Token);
        var exports = new List<ProcessResult>();
        foreach (var (format, name) in new[] { ("oci-archive", "out.tar"), ("docker-archive", "out.tar"), ("oci", "layout") })
        {
            exports.Add(await CybernodeCli.RunAsync(["export", "cybernode/app", "-o", Path.Combine(disk.Path, name), "--format", format, "--store", bigStore], Token));
        }

        build.ShouldFailCleanly(1, $"{store}: no space left on device", "hint:");
        import.ShouldFailCleanly(1, $"{store}: no space left on device", "hint:");
        exports[0].ShouldFailCleanly(1, $"{Path.Combine(disk.Path, "out.tar")}: no space left on device", "hint:");
        exports[1].ShouldFailCleanly(1, $"{Path.Combine(disk.Path, "out.tar")}: no space left on device");
        exports[2].ShouldFailCleanly(1, $"{Path.Combine(disk.Path, "layout")}: no space left on device");
        Directory.EnumerateFileSystemEntries(disk.Path, ".cybernode-tmp-*", SearchOption.AllDirectories).ShouldBeEmpty();
        File.Exists(Path.Combine(disk.Path, "out.tar")).ShouldBeFalse();
        var verify = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", store], Token);
        verify.GetProperty("clean").GetBoolean().ShouldBeTrue();
        verify.GetProperty("stray").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Store_verify_is_clean_on_a_built_store_and_exits_1_naming_a_corrupt_blob()
    {
        await _workspace.SeedStoreAsync(Token);

        var clean = await CybernodeCli.RunAsync(["store", "verify", "--store", _workspace.Store], Token);
        var layer = (await Inspect()).GetProperty("manifest").GetProperty("layers")[0].GetProperty("digest").GetString()!;
        var path = BlobPath(_workspace.Store, layer);
        var bytes = await File.ReadAllBytesAsync(path, Token);
        bytes[100] ^= 1;
        await File.WriteAllBytesAsync(path, bytes, Token);
        var damaged = await CybernodeCli.RunAsync(["store", "verify", "--store", _workspace.Store], Token);
        var json = await CybernodeCli.RunAsync(["store", "verify", "--json", "--store", _workspace.Store], Token);

        clean.EnsureSuccess().StandardOutput.ShouldStartWith($"ok: {_workspace.Store}: 1 images");
        damaged.ExitCode.ShouldBe(1);
        damaged.StandardOutput.ShouldContain($"damaged: {path}: blob {layer} is corrupt");
        json.ExitCode.ShouldBe(1);
        json.StandardOutput.ShouldContain("\"clean\": false");
    }

    [Fact]
    public async Task Store_gc_frees_what_a_rebuild_left_unreferenced_and_keeps_every_image()
    {
        _workspace.AddService("app", "FROM scratch\nCOPY big.bin /\n");
        var first = await CybernodeCli.BuildAsync(_workspace.Root, _workspace.Store, Token);
        WriteRandomFile(Path.Combine(_workspace.Root, "app", "big.bin"), 300_000, 2);
        var second = await CybernodeCli.BuildAsync(_workspace.Root, _workspace.Store, Token);
        var before = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", _workspace.Store], Token);

        var dryRun = await CybernodeCli.JsonAsync(["store", "gc", "--dry-run", "--json", "--store", _workspace.Store], Token);
        var gc = await CybernodeCli.JsonAsync(["store", "gc", "--json", "--store", _workspace.Store], Token);
        var after = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", _workspace.Store], Token);
        var again = await CybernodeCli.RunAsync(["store", "gc", "--store", _workspace.Store], Token);

        first["app"].ShouldNotBe(second["app"]);
        var orphans = before.GetProperty("orphans").EnumerateArray().Select(o => o.GetProperty("digest").GetString()).Order().ToList();
        orphans.ShouldContain(first["app"]);
        dryRun.GetProperty("removed").GetInt32().ShouldBe(orphans.Count);
        gc.GetProperty("blobs").EnumerateArray().Select(b => b.GetProperty("digest").GetString()).Order().ShouldBe(orphans);
        gc.GetProperty("bytes").GetInt64().ShouldBe(before.GetProperty("orphans").EnumerateArray().Sum(o => o.GetProperty("size").GetInt64()));
        after.GetProperty("clean").GetBoolean().ShouldBeTrue();
        after.GetProperty("orphans").GetArrayLength().ShouldBe(0);
        after.GetProperty("images").GetInt32().ShouldBe(1);
        again.EnsureSuccess().StandardOutput.ShouldContain("freed 0 B (0 unreferenced blobs, 0 temp files)");
    }

    private Task<System.Text.Json.JsonElement> Inspect() =>
        CybernodeCli.JsonAsync(["inspect", SmallWorkspace.SeedImage, "--json", "--store", _workspace.Store], Token);

    private static string BlobPath(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    /// <summary>Runs the CLI under /usr/bin/time and gives its result and peak resident memory in KiB.</summary>
    private static async Task<(ProcessResult Result, long PeakKiB)> RunMeasuredAsync(string[] arguments)
    {
        const string marker = "peak-rss-kib=";
        var (program, cliArguments) = CybernodeCli.Command(arguments);
        var options = new ProcessOptions
        {
            Timeout = TimeSpan.FromSeconds(60),
            Environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = null, ["CYBERNODE_STORE"] = null },
        };
        var timed = await ProcessRunner.RunAsync("/usr/bin/time", ["-f", marker + "%M", program, .. cliArguments], options, Token);
        var lines = timed.StandardError.TrimEnd().Split('\n');
        var peak = long.Parse(lines[^1][marker.Length..], CultureInfo.InvariantCulture);
        return (timed with { StandardError = string.Join('\n', lines[..^1]) + "\n" }, peak);
    }

    private static async Task ReplaceAsync(string path, string kind)
    {
        File.Delete(path);
        if (kind == "zero")
        {
            File.CreateSymbolicLink(path, "/dev/zero");
        }
        else
        {
            await Tool("mkfifo", path);
        }
    }

    private static void WriteRandomFile(string path, int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        File.WriteAllBytes(path, data);
    }

    private static async Task Tool(string tool, params string[] arguments) =>
        (await ProcessRunner.RunAsync(tool, arguments, cancellationToken: Token)).EnsureSuccess();
}

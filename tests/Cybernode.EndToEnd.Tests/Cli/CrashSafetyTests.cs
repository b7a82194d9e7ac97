using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// kill -9 of the CLI at pseudo-random moments (fixed seeds) during build, import and export. After
/// each kill: store verify finds no damage (temp files may be there), the operation run again gives
/// the clean run's digest, and after store gc no temp file remains. bench/crash-safety.sh runs the
/// same with more kills.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int LayerFiles = 32;
    private const int LayerFileSize = 1 << 20;

    private readonly TempFolder _directory = new("cybernode-crash-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Kill_9_during_build_leaves_a_store_that_verifies_and_rebuilds_to_the_clean_digest()
    {
        var workspace = WriteWorkspace();
        var clean = await TimeAsync(() => CybernodeCli.BuildAsync(workspace, _directory.Combine("clean-store"), Token));
        var landed = 0;

        // A store per kill: in a store that already holds the image, the next build is cached and quick.
        for (var round = 0; round < 8; round++)
        {
            var store = _directory.Combine($"store-{round}");
            landed += await KillRepeatedlyAsync(1, seed: round, clean.Duration, ["build", workspace, "--store", store], async () =>
            {
                await VerifyHasNoDamageAsync(store);
                (await RebuildAsync(workspace, store)).ShouldBe(clean.Result["big"]);
            });
            await CollectAndVerifyEmptyOfTempFilesAsync(store);
        }

        ShouldHaveLanded(landed, 8);

    }

    [Fact]
    public async Task Kill_9_during_import_leaves_a_store_that_verifies_and_imports_to_the_clean_digest()
    {
        var workspace = WriteWorkspace();
        var source = _directory.Combine("source");
        var digests = await CybernodeCli.BuildAsync(workspace, source, Token);
        var archive = _directory.Combine("image.tar");
        (await CybernodeCli.RunAsync(["export", "cybernode/big", "-o", archive, "--format", "oci-archive", "--store", source], Token)).EnsureSuccess();
        var clean = await TimeAsync(() => ImportAsync(archive, _directory.Combine("clean-store")));
        clean.Result.ShouldBe(digests["big"]);

        var landed = 0;
        for (var round = 0; round < 6; round++)
        {
            var store = _directory.Combine($"store-{round}");
            landed += await KillRepeatedlyAsync(1, seed: 100 + round, clean.Duration, ["import", $"oci-archive:{archive}", "--store", store], async () =>
            {
                await VerifyHasNoDamageAsync(store);
                (await ImportAsync(archive, store)).ShouldBe(clean.Result);
            });
            await CollectAndVerifyEmptyOfTempFilesAsync(store);
        }

        ShouldHaveLanded(landed, 6);
    }

    [Fact]
    public async Task Kill_9_during_export_leaves_no_half_archive_and_the_next_export_removes_the_temp_file()
    {
        var workspace = WriteWorkspace();
        var store = _directory.Combine("store");
        await CybernodeCli.BuildAsync(workspace, store, Token);
        var outputs = _directory.Combine("out");
        Directory.CreateDirectory(outputs);
        var archive = Path.Combine(outputs, "image.tar");
        var clean = await TimeAsync(() => ExportAsync(store, archive));
        var storeBefore = StoreSnapshot.Take(store);

        var landed = await KillRepeatedlyAsync(6, seed: 200, clean.Duration, ["export", "cybernode/big", "-o", archive, "--format", "docker-archive", "--store", store], async () =>
        {
            if (File.Exists(archive))
            {
                Hash(archive).ShouldBe(clean.Result, "an archive is either absent or complete");
            }

            StoreSnapshot.Take(store).ShouldBe(storeBefore);
            (await ExportAsync(store, archive)).ShouldBe(clean.Result);
            Directory.EnumerateFileSystemEntries(outputs).Select(Path.GetFileName).ShouldBe(["image.tar"]);
            File.Delete(archive);
        });

        ShouldHaveLanded(landed, 6);
    }

    /// <summary>At least half of the kills must land while the command still runs, or the test proves nothing.</summary>
    private static void ShouldHaveLanded(int landed, int kills) =>
        landed.ShouldBeGreaterThanOrEqualTo((kills + 1) / 2, $"only {landed} of {kills} kills landed while the command ran");

    /// <summary>
    /// Starts the command <paramref name="kills"/> times and kills it (SIGKILL) after a random share
    /// of <paramref name="cleanDuration"/>; runs <paramref name="afterKill"/> after each. Gives the
    /// number of kills that landed while the command still ran.
    /// </summary>
    private static async Task<int> KillRepeatedlyAsync(int kills, int seed, TimeSpan cleanDuration, string[] arguments, Func<Task> afterKill)
    {
        var random = new Random(seed);
        var landed = 0;
        for (var i = 0; i < kills; i++)
        {
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * cleanDuration.TotalMilliseconds);
            var (program, cliArguments) = CybernodeCli.Command(arguments);
            var start = new ProcessStartInfo(program, cliArguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment.Remove("SOURCE_DATE_EPOCH");
            start.Environment.Remove("CYBERNODE_STORE");
            using var process = Process.Start(start)!;
            var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(Token), process.StandardError.ReadToEndAsync(Token));
            await Task.Delay(delay, Token);
            if (!process.HasExited)
            {
                process.Kill();
                landed++;
            }

            await process.WaitForExitAsync(Token);
            await drained;
            await afterKill();
        }

        return landed;
    }

    private static async Task VerifyHasNoDamageAsync(string store)
    {
        if (!File.Exists(Path.Combine(store, "index.json")))
        {
            return;
        }

        var result = await CybernodeCli.RunAsync(["store", "verify", "--json", "--store", store], Token);
        using var report = JsonDocument.Parse(result.StandardOutput);
        report.RootElement.GetProperty("damage").GetArrayLength().ShouldBe(0, result.StandardOutput);
        result.ExitCode.ShouldBe(0);
    }

    private static async Task CollectAndVerifyEmptyOfTempFilesAsync(string store)
    {
        (await CybernodeCli.RunAsync(["store", "gc", "--store", store], Token)).EnsureSuccess();
        var verify = await CybernodeCli.JsonAsync(["store", "verify", "--json", "--store", store], Token);
        verify.GetProperty("stray").GetArrayLength().ShouldBe(0, verify.ToString());
        verify.GetProperty("orphans").GetArrayLength().ShouldBe(0, verify.ToString());
        Directory.EnumerateFileSystemEntries(store, ".cybernode-tmp-*").ShouldBeEmpty();
    }

    /// <summary>Builds again; the service may be reported cached when the killed build had already named its image.</summary>
    private static async Task<string> RebuildAsync(string workspace, string store)
    {
        var output = await CybernodeCli.JsonAsync(["build", workspace, "--json", "--store", store], Token);
        var service = output.GetProperty("services")[0];
        service.GetProperty("status").GetString().ShouldBeOneOf("built", "cached");
        return service.GetProperty("digest").GetString()!;
    }

    private static async Task<string> ImportAsync(string archive, string store) =>
        (await CybernodeCli.JsonAsync(["import", $"oci-archive:{archive}", "--json", "--store", store], Token)).GetProperty("digest").GetString()!;

    private static async Task<string> ExportAsync(string store, string archive)
    {
        (await CybernodeCli.RunAsync(["export", "cybernode/big", "-o", archive, "--format", "docker-archive", "--store", store], Token)).EnsureSuccess();
        return Hash(archive);
    }

    private static async Task<(T Result, TimeSpan Duration)> TimeAsync<T>(Func<Task<T>> run)
    {
        var clock = Stopwatch.StartNew();
        var result = await run();
        return (result, clock.Elapsed);
    }

    private static string Hash(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>One service whose layer is 32 MiB of seeded random files: long enough to write that kills land mid-write.</summary>
    private string WriteWorkspace()
    {
        var service = _directory.Combine("ws", "big");
        Directory.CreateDirectory(Path.Combine(service, "data"));
        var random = new Random(7);
        var data = new byte[LayerFileSize];
        for (var i = 0; i < LayerFiles; i++)
        {
            random.NextBytes(data);
            File.WriteAllBytes(Path.Combine(service, "data", $"file-{i:D2}.bin"), data);
        }

        File.WriteAllText(Path.Combine(service, "Dockerfile"), "FROM scratch\nCOPY data/ /data/\n");
        return _directory.Combine("ws");
    }
}

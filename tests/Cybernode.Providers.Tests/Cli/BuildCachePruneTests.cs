using System.Text.Json;
using Cybernode.Providers.Processes;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

/// <summary>
/// <c>prune --build-caches</c> against a real engine: the cache volumes of a Dockerfile-build service
/// go, a volume cybernode.yaml or any container mounts at /cyberdata stays, and a dry run removes nothing.
/// </summary>
[Trait("Category", "Engine")]
public abstract class BuildCachePruneTests(EngineFixture engine)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prune_build_caches_removes_the_cache_volume_and_never_a_cyberdata_one()
    {
        engine.Require();
        var unique = Guid.NewGuid().ToString("N")[..8];
        string cache = $"lc-cache-{unique}", data = $"lc-data-{unique}", used = $"lc-used-{unique}", container = $"lc-user-{unique}";
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("svc/Dockerfile-build", "FROM cybernode/busybox-base\nCMD true\n");
        workspace.Write("svc/Dockerfile", "FROM scratch\n");
        workspace.Write("cybernode.yaml", $"services:\n  svc:\n    cache:\n      {cache}: /root/.cache\n      {data}: /cyberdata\n      {used}: /var/cache/x\n");
        foreach (var volume in new[] { cache, data, used })
        {
            await EngineAsync("volume", "create", volume);
        }

        // A service's container that holds `used` as its data volume: no cache, whatever cybernode.yaml says.
        await EngineAsync("create", "--name", container, "--volume", $"{used}:/cyberdata", "cybernode/busybox-base", "true");
        try
        {
            var dryRun = await PruneAsync(workspace.Root, "--dry-run");
            var volumesAfterDryRun = await VolumesAsync(unique);
            var prune = await PruneAsync(workspace.Root);

            States(dryRun).ShouldBe([$"{cache} removed", $"{data} data-volume", $"{used} data-volume"]);
            volumesAfterDryRun.ShouldBe([cache, data, used]);
            States(prune).ShouldBe([$"{cache} removed", $"{data} data-volume", $"{used} data-volume"]);
            (await VolumesAsync(unique)).ShouldBe([data, used]);
            Detail(prune, data).ShouldBe("cybernode.yaml mounts it at /cyberdata");
            Detail(prune, used).ShouldBe($"container {container} mounts it at /cyberdata");
            States(await PruneAsync(workspace.Root)).ShouldBe([$"{cache} absent", $"{data} data-volume", $"{used} data-volume"]);
        }
        finally
        {
            await EngineAsync("rm", "--force", container);
            await EngineAsync("volume", "rm", "--force", data, used);
        }
    }

    /// <summary>Runs the engine's own client against the fixture's engine and returns its output.</summary>
    protected abstract Task<string> EngineAsync(params string[] arguments);

    private async Task<JsonElement> PruneAsync(string root, params string[] extra)
    {
        var result = await CybernodeCli.RunAsync(["prune", root, "--build-caches", "--provider", engine.Provider.Name, "--json", .. extra], Token, engine.CliEnvironment);
        result.ExitCode.ShouldBe(0, result.ToString());
        using var report = JsonDocument.Parse(result.StandardOutput);
        return report.RootElement.Clone();
    }

    private async Task<List<string>> VolumesAsync(string unique) =>
        [.. (await EngineAsync("volume", "ls", "--format", "{{.Name}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(v => v.Contains(unique, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static List<string> States(JsonElement report) =>
        [.. report.GetProperty("cacheVolumes").EnumerateArray().Select(v => $"{v.GetProperty("volume").GetString()} {v.GetProperty("state").GetString()}")];

    private static string? Detail(JsonElement report, string volume) =>
        report.GetProperty("cacheVolumes").EnumerateArray().Single(v => v.GetProperty("volume").GetString() == volume).GetProperty("detail").GetString();

    protected static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var result = await Cybernode.Providers.Processes.ProcessRunner.RunAsync(new ProcessSpec(program, arguments, environment), null, CancellationToken.None);
        result.ExitCode.ShouldBe(0, string.Join('\n', result.LastLines));
        return result.StandardOutput;
    }
}

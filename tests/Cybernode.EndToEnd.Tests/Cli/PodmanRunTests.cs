using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>Exported images load into podman and run there as the example documents.</summary>
public sealed class PodmanRunTests(BuiltClusterFixture cluster) : IClassFixture<BuiltClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cyberinfo_and_ticker_exported_as_docker_archives_load_and_print_their_lines()
    {
        var built = await cluster.GetAsync();
        await using var podman = await PodmanSandbox.CreateAsync(Token);
        foreach (var image in new[] { ExampleCluster.Cyberinfo, ExampleCluster.Ticker })
        {
            (await podman.LoadAsync(await ExportAsync(built, image, "docker-archive"), Token)).ShouldContain($"localhost/{image}:latest");
        }

        var info = await podman.RunAsync(ExampleCluster.Cyberinfo, [], cancellationToken: Token);
        var ticks = await podman.RunAsync(
            ExampleCluster.Ticker, [], new Dictionary<string, string> { ["TICKER_INTERVAL_MS"] = "0" }, Token);
        var inherited = await podman.RunAsync(ExampleCluster.Ticker, ["/cyberapp/cyberinfo"], cancellationToken: Token);

        info.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
        ticks.EnsureSuccess().StandardOutput.ShouldBe("ticker 0.2.0: tick 1/3\nticker 0.2.0: tick 2/3\nticker 0.2.0: tick 3/3\n");
        inherited.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
    }

    // echod logs "listening" only after writing $HOME/echod.started, so the log proves HOME is the
    // writable /cyberdata volume; `podman stop` sends the image's STOPSIGNAL (SIGTERM), on which
    // the example documents a clean stop with exit 0.
    [Fact]
    public async Task Echod_exported_as_a_docker_archive_starts_and_stops_cleanly_on_podman_stop()
    {
        var built = await cluster.GetAsync();
        await using var podman = await PodmanSandbox.CreateAsync(Token);
        await podman.LoadAsync(await ExportAsync(built, ExampleCluster.Echod, "docker-archive"), Token);

        var id = (await podman.PodmanAsync(
                ["run", "--detach", "--network", "none", "--pull=never", ExampleCluster.Echod], cancellationToken: Token))
            .EnsureSuccess().StandardOutput.Trim();
        var started = await WaitForLogAsync(podman, id, "listening");
        (await podman.PodmanAsync(["stop", "--time", "10", id], cancellationToken: Token)).EnsureSuccess();
        var exitCode = (await podman.PodmanAsync(["inspect", "--format", "{{.State.ExitCode}}", id], cancellationToken: Token))
            .EnsureSuccess().StandardOutput.Trim();
        var stopped = (await podman.PodmanAsync(["logs", id], cancellationToken: Token)).EnsureSuccess().StandardOutput;
        await podman.PodmanAsync(["rm", "--force", id], cancellationToken: Token);

        started.ShouldContain("echod 0.3.1 listening on 0.0.0.0:7777");
        exitCode.ShouldBe("0");
        stopped.ShouldContain("echod 0.3.1 stopping");
    }

    [Fact]
    public async Task An_oci_archive_export_loads_under_its_full_name_and_runs()
    {
        var built = await cluster.GetAsync();
        await using var podman = await PodmanSandbox.CreateAsync(Token);

        var names = await podman.LoadAsync(await ExportAsync(built, ExampleCluster.Cyberinfo, "oci-archive"), Token);
        var info = await podman.RunAsync(ExampleCluster.Cyberinfo, [], cancellationToken: Token);

        names.ShouldContain($"localhost/{ExampleCluster.Cyberinfo}:latest");
        info.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
    }

    private async Task<string> ExportAsync(BuiltCluster built, string image, string format)
    {
        var archive = Path.Combine(cluster.Scratch(format), $"{image.Replace('/', '-')}.tar");
        (await CybernodeCli.RunAsync(["export", image, "-o", archive, "--format", format, "--store", built.Store], Token)).EnsureSuccess();
        return archive;
    }

    private static async Task<string> WaitForLogAsync(PodmanSandbox podman, string id, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var logs = (await podman.PodmanAsync(["logs", id], cancellationToken: Token)).StandardOutput;
            if (logs.Contains(text, StringComparison.Ordinal))
            {
                return logs;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"container {id} did not log '{text}' within 20 s; it logged:\n{logs}");
            }

            await Task.Delay(100, Token);
        }
    }
}

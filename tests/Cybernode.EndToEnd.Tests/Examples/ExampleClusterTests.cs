using System.Net.Sockets;
using System.Text;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Examples;

/// <summary>The example workspace builds with gcc alone and its images run on a real engine.</summary>
public class ExampleClusterTests
{
    private static readonly string Cluster = Path.Combine(RepoPaths.Examples, "cluster");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("base/cyberinfo", "cyberinfo", "1.0.0")]
    [InlineData("fullnode/echod", "echod", "0.3.1")]
    [InlineData("crawler/ticker", "ticker", "0.2.0")]
    public async Task Each_build_script_runs_standalone_from_any_folder(string service, string binary, string version)
    {
        using var directory = new TempFolder();

        var bin = await BuildAsync(Path.Combine(Cluster, service), directory.Combine("out"), directory.Path);

        File.Exists(Path.Combine(bin, binary)).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(bin, "VERSION"), Token)).ShouldBe($"{version}\n");
    }

    [Fact]
    public async Task Cyberinfo_and_ticker_print_their_lines()
    {
        using var directory = new TempFolder();
        var cyberinfo = await BuildAsync(Path.Combine(Cluster, "base/cyberinfo"), directory.Combine("cyberinfo"), directory.Path);
        var ticker = await BuildAsync(Path.Combine(Cluster, "crawler/ticker"), directory.Combine("ticker"), directory.Path);
        var fastTicks = new ProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["TICKER_COUNT"] = "2", ["TICKER_INTERVAL_MS"] = "0" },
        };

        var info = await ProcessRunner.RunAsync(Path.Combine(cyberinfo, "cyberinfo"), [], cancellationToken: Token);
        var ticks = await ProcessRunner.RunAsync(Path.Combine(ticker, "ticker"), [], fastTicks, Token);

        info.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
        ticks.EnsureSuccess().StandardOutput.ShouldBe("ticker 0.2.0: tick 1/2\nticker 0.2.0: tick 2/2\n");
    }

    [Fact]
    public async Task Echod_echoes_lines_writes_to_home_and_stops_cleanly_on_sigterm()
    {
        using var directory = new TempFolder();
        var bin = await BuildAsync(Path.Combine(Cluster, "fullnode/echod"), directory.Combine("bin"), directory.Path);
        var home = directory.Combine("home");
        Directory.CreateDirectory(home);
        var port = FreeLoopbackPort();
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["ECHOD_BIND"] = "127.0.0.1",
                ["ECHOD_PORT"] = port.ToString(),
            },
            Timeout = TimeSpan.FromSeconds(30),
        };

        var server = ProcessRunner.RunAsync(Path.Combine(bin, "echod"), [], options, Token);
        var started = await WaitForFileAsync(Path.Combine(home, "echod.started"), server);
        var echoed = await EchoAsync(port, "hello cybernode\n");
        var pid = started.Split('\n').Single(line => line.StartsWith("pid=", StringComparison.Ordinal))[4..];
        (await ProcessRunner.RunAsync("/bin/kill", ["-TERM", pid], cancellationToken: Token)).EnsureSuccess();
        var result = await server;

        echoed.ShouldBe("hello cybernode\n");
        started.ShouldContain($"port={port}");
        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldBe($"echod 0.3.1 listening on 127.0.0.1:{port}\nechod 0.3.1 stopping\n");
    }

    [Fact]
    public async Task The_images_build_with_podman_and_run_from_scratch()
    {
        RequiredTool.Find("gcc", "gcc");
        using var directory = new TempFolder();
        var workspace = directory.Combine("cluster");
        CopyDirectory(Cluster, workspace);
        await using var podman = await PodmanSandbox.CreateAsync(Token);
        foreach (var (service, image) in new[]
        {
            ("base/cyberinfo", "cybernode/base-cyberinfo"),
            ("fullnode/echod", "cybernode/fullnode-echod"),
            ("crawler/ticker", "cybernode/crawler-ticker"),
        })
        {
            var folder = Path.Combine(workspace, service);
            await BuildAsync(folder, Path.Combine(folder, "bin"), folder);
            await podman.BuildAsync(folder, image, Token);
        }

        var info = await podman.RunAsync("cybernode/base-cyberinfo", [], cancellationToken: Token);
        var ticks = await podman.RunAsync(
            "cybernode/crawler-ticker", [], new Dictionary<string, string> { ["TICKER_INTERVAL_MS"] = "0" }, Token);
        var inherited = await podman.RunAsync("cybernode/crawler-ticker", ["/cyberapp/cyberinfo"], cancellationToken: Token);

        info.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
        ticks.EnsureSuccess().StandardOutput.ShouldEndWith("tick 3/3\n");
        inherited.EnsureSuccess().StandardOutput.ShouldStartWith("cyberinfo 1.0.0");
        await ShouldStopCleanlyAsync(podman, "cybernode/fullnode-echod");
    }

    // echod logs "listening" only after writing $HOME/echod.started, so the log proves the volume is
    // writable; `podman stop` sends the image's STOPSIGNAL, after which echod must exit 0.
    private static async Task ShouldStopCleanlyAsync(PodmanSandbox podman, string image)
    {
        var id = (await podman.PodmanAsync(["run", "--detach", "--network", "none", "--pull=never", image], cancellationToken: Token))
            .EnsureSuccess().StandardOutput.Trim();
        var logs = await WaitForLogAsync(podman, id, "listening");
        (await podman.PodmanAsync(["stop", "--time", "10", id], cancellationToken: Token)).EnsureSuccess();
        var exitCode = (await podman.PodmanAsync(["inspect", "--format", "{{.State.ExitCode}}", id], cancellationToken: Token))
            .EnsureSuccess().StandardOutput.Trim();
        var stopped = (await podman.PodmanAsync(["logs", id], cancellationToken: Token)).StandardOutput;
        await podman.PodmanAsync(["rm", "--force", id], cancellationToken: Token);

        logs.ShouldContain("echod 0.3.1 listening on 0.0.0.0:7777");
        exitCode.ShouldBe("0");
        stopped.ShouldContain("echod 0.3.1 stopping");
    }

    private static async Task<string> WaitForLogAsync(PodmanSandbox podman, string id, string text)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var logs = (await podman.PodmanAsync(["logs", id], cancellationToken: Token)).StandardOutput;
            if (logs.Contains(text, StringComparison.Ordinal))
            {
                return logs;
            }

            await Task.Delay(100, Token);
        }

        throw new TimeoutException($"container {id} never logged '{text}'");
    }

    private static async Task<string> BuildAsync(string serviceFolder, string buildDirectory, string workingDirectory)
    {
        RequiredTool.Find("gcc", "gcc");
        Directory.CreateDirectory(buildDirectory);
        var options = new ProcessOptions
        {
            WorkingDirectory = workingDirectory,
            Environment = new Dictionary<string, string?> { ["BUILD_DIR"] = buildDirectory },
        };
        (await ProcessRunner.RunAsync("/bin/sh", [Path.Combine(serviceFolder, "01build.sh")], options, Token)).EnsureSuccess();
        return buildDirectory;
    }

    private static async Task<string> WaitForFileAsync(string path, Task<ProcessResult> server)
    {
        while (!File.Exists(path) || (await File.ReadAllTextAsync(path, Token)).Length == 0)
        {
            if (server.IsCompleted)
            {
                var result = await server;
                throw new InvalidOperationException($"echod exited with {result.ExitCode}: {result.StandardError}");
            }

            await Task.Delay(50, Token);
        }

        return await File.ReadAllTextAsync(path, Token);
    }

    private static async Task<string> EchoAsync(int port, string line)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line), Token);
        var buffer = new byte[line.Length];
        await stream.ReadExactlyAsync(buffer, Token);
        return Encoding.ASCII.GetString(buffer);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var folder in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, folder)));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}

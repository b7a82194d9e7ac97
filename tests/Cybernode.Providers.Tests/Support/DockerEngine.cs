using System.Diagnostics;
using Cybernode.Providers.Docker;

namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// A dockerd of the tests' own on a private socket, or the daemon named by
/// CYBERNODE_TEST_DOCKER_HOST when that is set. No bridge and no iptables rules, so it never
/// meets another dockerd on the same machine; containers get network none.
/// </summary>
public sealed class DockerEngine : EngineFixture
{
    public const string HostVariable = "CYBERNODE_TEST_DOCKER_HOST";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? _daemon;

    public static string Client { get; } = File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

    public string Host { get; private set; } = "";

    public override Task<IReadOnlyList<string>> ContainerNamesAsync() =>
        OutputLinesAsync(Client, ["ps", "--all", "--format", "{{.Names}}"], new Dictionary<string, string?> { ["DOCKER_HOST"] = Host });

    // docker 20.10 cannot save an image without layers ("empty export"); the daemon the test run
    // shares holds such config-only images of other suites, and they hold no file to search.
    public override async Task<IReadOnlyList<string>> ImageIdsAsync()
    {
        var withLayers = new List<string>();
        foreach (var id in (await OutputLinesAsync(Client, ["images", "--all", "--quiet", "--no-trunc"], CliEnvironment)).Distinct())
        {
            var layers = await OutputLinesAsync(Client, ["image", "inspect", "--format", "{{len .RootFS.Layers}}", id], CliEnvironment);
            if (layers is not ["0"])
            {
                withLayers.Add(id);
            }
        }

        return withLayers;
    }

    public override string? StorageFolder => _daemon is null ? null : Folder.Combine("data");

    public override IReadOnlyDictionary<string, string?> CliEnvironment => new Dictionary<string, string?> { ["DOCKER_HOST"] = Host };

    public override Task<IReadOnlyList<string>> RunImageAsync(TwoPhaseWorkspace workspace, string image) =>
        OutputLinesAsync(Client, ["run", "--rm", "--network", "none", image], CliEnvironment);

    public override async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            // By its PID, never by name: other dockerds may run on this machine.
            using (var term = Process.Start("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _daemon.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _daemon.Kill(entireProcessTree: true);
                await _daemon.WaitForExitAsync();
            }

            _daemon.Dispose();
        }

        await base.DisposeAsync();
    }

    protected override string? MissingTool()
    {
        if (RequiredTool.Find(Client) is null)
        {
            return "the docker client is not installed: apt-get install docker.io";
        }

        return Environment.GetEnvironmentVariable(HostVariable) is null && RequiredTool.Find("dockerd") is null
            ? $"dockerd is not installed (apt-get install docker.io) and {HostVariable} names no daemon"
            : null;
    }

    protected override async Task<IContainerProvider> StartAsync()
    {
        Host = Environment.GetEnvironmentVariable(HostVariable) ?? await StartDaemonAsync();
        return new DockerProvider(new DockerOptions { Program = Client, Host = Host });
    }

    private async Task<string> StartDaemonAsync()
    {
        var socket = Folder.Combine("docker.sock");
        var start = new ProcessStartInfo("dockerd",
        [
            "--data-root", Folder.Combine("data"), "--exec-root", Folder.Combine("exec"), "--pidfile", Folder.Combine("pid"),
            "-H", "unix://" + socket, "--bridge", "none", "--iptables=false",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _daemon = Process.Start(start)!;
        var log = new StreamWriter(Folder.Combine("dockerd.log")) { AutoFlush = true };
        _daemon.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        _daemon.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();

        var host = "unix://" + socket;
        var probe = new DockerProvider(new DockerOptions { Program = Client, Host = host });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var status = await probe.ProbeAsync(CancellationToken.None);
            if (status.Usable)
            {
                return host;
            }

            if (_daemon.HasExited || deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"dockerd did not start ({status.Reason}); see {Folder.Combine("dockerd.log")}");
            }

            await Task.Delay(200);
        }
    }
}

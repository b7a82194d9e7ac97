using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cybernode.Oci.Tests.Fixtures;

/// <summary>
/// Debian's distribution 2.8 registry (<c>/usr/bin/docker-registry</c>) on 127.0.0.1, with its own
/// free port and a temp storage folder, for tests that talk to a real registry. The server can be
/// stopped and started again on the same port and storage (a build that must work with the registry
/// gone). <paramref name="authYaml"/> of <see cref="StartAsync"/> is an <c>auth:</c> section added to
/// the configuration as written (htpasswd, token). Stopped by PID on dispose.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/docker-registry";

    /// <summary>Written in an auth section, stands for the server's folder (where <c>prepare</c> put its files).</summary>
    public const string FolderPlaceholder = "{FOLDER}";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string folder;
    private readonly string configPath;
    private readonly StringBuilder log = new();
    private Process? process;

    private RegistryServer(string folder, string address, int port, string? authYaml)
    {
        this.folder = folder;
        Address = address;
        Port = port;
        configPath = Path.Combine(folder, "config.yml");
        Directory.CreateDirectory(StorageFolder);
        File.WriteAllText(configPath, Config(port, StorageFolder, authYaml?.Replace(FolderPlaceholder, folder, StringComparison.Ordinal), address));
    }

    /// <summary>"127.0.0.1:PORT" (or the address it was started on), as it goes into an image reference.</summary>
    public string Host => $"{Address}:{Port}";

    /// <summary>The IPv4 address it listens on: 127.0.0.1 unless the test asked for another address of this machine.</summary>
    public string Address { get; }

    public int Port { get; }

    /// <summary>The registry's filesystem storage (rootdirectory).</summary>
    public string StorageFolder => Path.Combine(folder, "storage");

    /// <summary>Where the test may put files the auth section names (htpasswd, certificates).</summary>
    public string Folder => folder;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>What the registry printed so far, for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a registry and waits until it answers <c>GET /v2/</c>. <paramref name="prepare"/> runs
    /// before the start with the server's folder, to write files the auth section points at.
    /// <paramref name="address"/> is where it listens (plain HTTP), 127.0.0.1 unless a test needs a host that is not loopback.
    /// </summary>
    public static async Task<RegistryServer> StartAsync(
        CancellationToken cancellationToken,
        string? authYaml = null,
        Action<string>? prepare = null,
        string address = "127.0.0.1")
    {
        Require();
        var folder = Path.Combine(Path.GetTempPath(), "cybernode-registry-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        prepare?.Invoke(folder);
        var server = new RegistryServer(folder, address, FreePort(), authYaml);
        try
        {
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The configuration with <paramref name="authYaml"/> in it, for a test that needs a folder first.</summary>
    public static string Config(int port, string storage, string? authYaml, string address = "127.0.0.1") =>
        $"""
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: {storage}
          delete:
            enabled: true
        http:
          addr: {address}:{port}
          secret: cybernode-tests-secret
        {authYaml ?? ""}
        """;

    /// <summary>Starts the server (again) on the same port and storage; waits until it answers.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(configPath);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(cancellationToken);
    }

    /// <summary>Stops the server by its PID; the storage stays for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>Puts an OCI layout image into the registry with skopeo, as an independent client would.</summary>
    public Task CopyInAsync(string layoutFolder, string tag, string repository, string destinationTag, CancellationToken cancellationToken, bool all = false) =>
        SkopeoAsync(
            [
                "copy", "--quiet", "--dest-tls-verify=false", .. all ? new[] { "--all" } : [],
                $"oci:{layoutFolder}:{tag}", $"docker://{Host}/{repository}:{destinationTag}",
            ],
            cancellationToken);

    /// <summary>Runs skopeo (e.g. <c>inspect --tls-verify=false docker://HOST/REPO:TAG</c>) and returns its output.</summary>
    public static Task<string> SkopeoAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync("skopeo", arguments, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Require() => RequiredTool.FindFile(Executable, "docker-registry");

    // The port is free when asked; another process could take it before the registry binds, in which
    // case the registry exits and WaitUntilAnswering says so with its log.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {process.ExitCode} before answering on {Host}: {Log}");
            }

            try
            {
                using var response = await http.GetAsync($"http://{Host}/v2/", cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; try again until the deadline.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"docker-registry did not answer GET /v2/ on {Host} within {StartTimeout.TotalSeconds} s: {Log}");
    }
}

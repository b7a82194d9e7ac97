namespace Cybernode.Testing;

/// <summary>
/// A podman with its own storage, run state and configuration in a temp folder, so tests can load,
/// build and run images in parallel without touching the machine's store.
/// </summary>
public sealed class PodmanSandbox : IAsyncDisposable
{
    private readonly TempFolder _directory;
    private readonly string _podman;

    private PodmanSandbox(TempFolder directory, string podman, string storageDriver)
    {
        _directory = directory;
        _podman = podman;
        StorageDriver = storageDriver;
    }

    public string StorageDriver { get; }

    public string Directory => _directory.Path;

    public static async Task<PodmanSandbox> CreateAsync(CancellationToken cancellationToken = default)
    {
        var podman = RequiredTool.Find("podman", "podman");
        RequiredTool.Find("runc", "runc");
        var directory = new TempFolder("cybernode-podman-");
        try
        {
            ContainersConf.WriteTo(directory.Path);
            var overlay = new PodmanSandbox(directory, podman, "overlay");
            var probe = await overlay.PodmanAsync(["info"], cancellationToken: cancellationToken);
            return probe.Succeeded ? overlay : new PodmanSandbox(directory, podman, "vfs");
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Runs `podman ARGS` against this sandbox's store; the caller checks the result.</summary>
    public Task<ProcessResult> PodmanAsync(
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        string[] global =
        [
            "--root", _directory.Combine("root"),
            "--runroot", _directory.Combine("runroot"),
            "--tmpdir", _directory.Combine("tmp"),
            "--storage-driver", StorageDriver,
        ];
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["CONTAINERS_CONF"] = _directory.Combine(ContainersConf.FileName),
                ["CONTAINERS_REGISTRIES_CONF"] = _directory.Combine(ContainersConf.RegistriesFileName),
                ["TMPDIR"] = _directory.Combine("tmp"),
            },
            Timeout = timeout ?? TimeSpan.FromMinutes(2),
        };
        return ProcessRunner.RunAsync(_podman, [.. global, .. arguments], options, cancellationToken);
    }

    /// <summary>Loads an oci-archive or docker-archive; returns the names podman reports.</summary>
    public async Task<IReadOnlyList<string>> LoadAsync(string archivePath, CancellationToken cancellationToken = default)
    {
        var result = (await PodmanAsync(["load", "--input", archivePath], cancellationToken: cancellationToken)).EnsureSuccess();
        return result.StandardOutput
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("Loaded image", StringComparison.Ordinal))
            .SelectMany(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(','))
            .Select(name => name.Trim())
            .Where(name => name.Length > 0)
            .ToList();
    }

    /// <summary>Builds a Dockerfile context into <paramref name="tag"/>; never pulls.</summary>
    public async Task BuildAsync(string contextDirectory, string tag, CancellationToken cancellationToken = default)
    {
        (await PodmanAsync(
            ["build", "--pull=never", "--network", "none", "--tag", tag, contextDirectory],
            cancellationToken: cancellationToken)).EnsureSuccess();
    }

    /// <summary>Runs a container once, without network, removed afterwards; the caller checks the exit code.</summary>
    public Task<ProcessResult> RunAsync(
        string image,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var environmentFlags = (environment ?? new Dictionary<string, string>())
            .SelectMany(pair => new[] { "--env", $"{pair.Key}={pair.Value}" });
        return PodmanAsync(
            ["run", "--rm", "--network", "none", "--pull=never", .. environmentFlags, image, .. arguments],
            cancellationToken: cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

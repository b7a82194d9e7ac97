namespace Cybernode.Testing;

/// <summary>
/// The dockerd that ./run-tests starts for the suite (its own data, socket and no bridge), driven
/// with Debian's docker 20.10 client. The tests never start a daemon of their own.
/// </summary>
public sealed class DockerDaemon
{
    public const string HostVariable = "CYBERNODE_TEST_DOCKER_HOST";

    // The `docker` first on PATH here is a newer client; the daemon is Debian's 20.10.
    public const string Client = "/usr/bin/docker";

    private DockerDaemon(string host) => Host = host;

    /// <summary>The daemon's address (unix://...), as DOCKER_HOST or `docker -H` takes it.</summary>
    public string Host { get; }

    /// <summary>Why the suite's daemon cannot be used here, or null.</summary>
    public static string? Missing =>
        !File.Exists(Client) ? $"{Client} is missing: install the Debian package docker.io (./run-tests does)"
        : string.IsNullOrEmpty(Environment.GetEnvironmentVariable(HostVariable)) ? $"${HostVariable} is not set: ./run-tests starts a dockerd and sets it to its socket"
        : null;

    /// <summary>The suite's daemon; skips the test (fails it under CI) when there is none.</summary>
    public static DockerDaemon Connect()
    {
        RequiredTool.Require(Missing);
        return new DockerDaemon(Environment.GetEnvironmentVariable(HostVariable)!);
    }

    /// <summary>Runs `docker -H HOST ARGS` (with <paramref name="environment"/> on top of ours); the caller checks the result.</summary>
    public Task<ProcessResult> DockerAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.RunAsync(
            Client,
            ["-H", Host, .. arguments],
            environment is null ? null : new ProcessOptions { Environment = environment },
            cancellationToken);
}

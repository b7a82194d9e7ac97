using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>The dockerd that ./run-tests starts for the suite, driven with Debian's docker 20.10 client.</summary>
public sealed class DockerDaemon
{
    public const string HostVariable = "CYBERNODE_TEST_DOCKER_HOST";

    // The `docker` first on PATH here is a newer client; the daemon is Debian's 20.10.
    private const string Client = "/usr/bin/docker";

    private readonly string _client;
    private readonly string _host;

    private DockerDaemon(string client, string host)
    {
        _client = client;
        _host = host;
    }

    /// <summary>The suite's daemon; skips the test (fails it under CI) when there is none.</summary>
    public static DockerDaemon Connect() => new(
        RequiredTool.FindFile(Client, "docker.io"),
        RequiredTool.Variable(HostVariable, "./run-tests starts a dockerd and sets it to its socket"));

    /// <summary>Runs `docker -H HOST ARGS` (with <paramref name="environment"/> on top of ours); the caller checks the result.</summary>
    public Task<ProcessResult> DockerAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.RunAsync(
            _client,
            ["-H", _host, .. arguments],
            environment is null ? null : new ProcessOptions { Environment = environment },
            cancellationToken);
}

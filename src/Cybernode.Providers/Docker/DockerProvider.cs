using System.Text.RegularExpressions;
using Cybernode.Dockerfile.Ignore;
using Cybernode.Providers.Engines;
using Cybernode.Providers.Processes;

namespace Cybernode.Providers.Docker;

/// <summary>
/// The docker engine through its command-line client, which honours DOCKER_HOST. A build with
/// secrets goes through BuildKit (DOCKER_BUILDKIT=1): docker's legacy builder knows no
/// RUN --mount=type=secret.
/// </summary>
public sealed partial class DockerProvider(DockerOptions options) : DockerCompatibleProvider(CreateCli(options), options.RelabelMounts)
{
    public const string EngineName = "docker";
    private const string BuildKitVariable = "DOCKER_BUILDKIT";
    private readonly EngineCli _buildKit = CreateCli(options with
    {
        Environment = new Dictionary<string, string?>(options.Environment) { [BuildKitVariable] = "1" },
    });

    private readonly Lock _bridgeGate = new();
    private Task<bool>? _hasBridge;

    public override ArchiveFormat PreferredArchiveFormat => ArchiveFormat.DockerArchive;

    public override Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken) =>
        Probe.RunAsync(Cli, ["version", "--format", "{{.Server.Version}}"], output => output.Trim(), cancellationToken);

    public override async Task BuildImageAsync(BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken)
    {
        if (request.Secrets.Count == 0)
        {
            await base.BuildImageAsync(request, output, cancellationToken);
            return;
        }

        // BuildKit runs RUN steps on the daemon's bridge network by default; a daemon without one
        // (dockerd --bridge none) fails them with "network bridge not found".
        var network = await HasBridgeNetworkAsync(cancellationToken) ? [] : new[] { "--network", "none" };
        await BuildAsync(_buildKit, network, request, output, cancellationToken);
    }

    /// <summary>
    /// docker 20.10's legacy builder takes no ignore file: when part of the context must be left
    /// out, the client is handed the filtered context as a tar on standard input instead of the folder.
    /// </summary>
    private protected override async Task BuildAsync(EngineCli cli, IReadOnlyList<string> flags, BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken)
    {
        var dockerfile = Path.GetRelativePath(request.ContextDirectory, request.DockerfilePath).Replace(Path.DirectorySeparatorChar, '/');
        if (request.IgnorePatterns is not { } patterns || dockerfile.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(dockerfile))
        {
            await cli.RunAsync(["build", .. flags, .. BuildFlags.For(request with { IgnorePatterns = null })], output, cancellationToken);
            return;
        }

        var ignore = DockerIgnore.Parse(string.Join('\n', patterns));
        await cli.RunAsync(
            ["build", .. flags, .. BuildFlags.ForContextOnStdin(request)],
            output,
            cancellationToken,
            (stdin, token) => ContextTar.WriteAsync(request.ContextDirectory, dockerfile, ignore, stdin, token));
    }

    public override IReadOnlyList<EngineCommand> PlanBuildImage(BuildImageRequest request)
    {
        if (request.Secrets.Count == 0)
        {
            return base.PlanBuildImage(request);
        }

        var build = _buildKit.Command(BuildArguments(request));
        return [new EngineCommand("env", [$"{BuildKitVariable}=1", build.Program, .. build.Arguments]) { Note = "with --network none on a daemon without a bridge network" }];
    }

    /// <summary>Docker 20.10 reads and writes docker-archive only; it cannot load an OCI archive.</summary>
    private protected override bool Supports(ArchiveFormat format) => format == ArchiveFormat.DockerArchive;

    private protected override IEnumerable<string> SaveFormatArguments(ArchiveFormat format) => [];

    /// <summary>Asked once per provider: every service of a build talks to the same daemon.</summary>
    private Task<bool> HasBridgeNetworkAsync(CancellationToken cancellationToken)
    {
        lock (_bridgeGate)
        {
            return _hasBridge ??= AskAsync();
        }

        async Task<bool> AskAsync() => (await Cli.TryRunAsync(["network", "inspect", "--format", "{{.Name}}", "bridge"], cancellationToken)).Succeeded;
    }

    private static EngineCli CreateCli(DockerOptions options)
    {
        var environment = new Dictionary<string, string?>(options.Environment);
        if (options.Host is not null)
        {
            environment["DOCKER_HOST"] = options.Host;
        }

        return new EngineCli(EngineName, options.Program, [], environment, "apt-get install docker.io", result => Explain(result, options.Program, environment));
    }

    private static ProviderException? Explain(ProcessResult result, string program, Dictionary<string, string?> environment)
    {
        foreach (var line in result.LastLines)
        {
            if (PermissionDenied().Match(line) is { Success: true } denied)
            {
                return new ProviderException(
                    $"permission denied on the docker daemon socket {denied.Groups["address"].Value}",
                    "add your user to the docker group (usermod -aG docker $USER, then log in again) or use rootless podman (--provider podman)");
            }

            if (Unreachable().Match(line) is { Success: true } unreachable)
            {
                return new ProviderException(
                    $"cannot reach the docker daemon at {unreachable.Groups["address"].Value}",
                    "start dockerd (systemctl start docker) or set DOCKER_HOST to where it listens");
            }

            // Newer clients build with BuildKit only through the buildx plugin; without it they refuse DOCKER_BUILDKIT=1.
            if (line.Contains("buildx component is missing", StringComparison.OrdinalIgnoreCase))
            {
                var path = environment.TryGetValue("PATH", out var overridden) ? overridden : Environment.GetEnvironmentVariable("PATH");
                return new ProviderException(
                    $"the docker client {ExecutableLocator.Find(program, path) ?? program} cannot build with BuildKit (its buildx plugin is missing), and build secrets need BuildKit",
                    "install the buildx plugin (docker-buildx), put a docker client with BuildKit built in first on PATH (Debian's docker.io 20.10: /usr/bin/docker), or build with --provider podman");
            }
        }

        return null;
    }

    [GeneratedRegex(@"permission denied while trying to connect to the Docker daemon socket at (?<address>\S+?):? ", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionDenied();

    [GeneratedRegex(@"Cannot connect to the Docker daemon at (?<address>\S+?)\.? Is the docker daemon running", RegexOptions.IgnoreCase)]
    private static partial Regex Unreachable();
}

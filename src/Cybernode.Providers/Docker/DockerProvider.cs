using System.Text.RegularExpressions;
using Cybernode.Providers.Engines;
using Cybernode.Providers.Processes;

namespace Cybernode.Providers.Docker;

/// <summary>The docker engine through its command-line client, which honours DOCKER_HOST.</summary>
public sealed partial class DockerProvider(DockerOptions options) : DockerCompatibleProvider(CreateCli(options), options.RelabelMounts)
{
    public const string EngineName = "docker";

    public override ArchiveFormat PreferredArchiveFormat => ArchiveFormat.DockerArchive;

    public override Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken) =>
        Probe.RunAsync(Cli, ["version", "--format", "{{.Server.Version}}"], output => output.Trim(), cancellationToken);

    /// <summary>Docker 20.10 reads and writes docker-archive only; it cannot load an OCI archive.</summary>
    private protected override bool Supports(ArchiveFormat format) => format == ArchiveFormat.DockerArchive;

    private protected override IEnumerable<string> SaveFormatArguments(ArchiveFormat format) => [];

    private static EngineCli CreateCli(DockerOptions options)
    {
        var environment = new Dictionary<string, string?>(options.Environment);
        if (options.Host is not null)
        {
            environment["DOCKER_HOST"] = options.Host;
        }

        return new EngineCli(EngineName, options.Program, [], environment, "apt-get install docker.io", Explain);
    }

    private static ProviderException? Explain(ProcessResult result)
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
        }

        return null;
    }

    [GeneratedRegex(@"permission denied while trying to connect to the Docker daemon socket at (?<address>\S+?):? ", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionDenied();

    [GeneratedRegex(@"Cannot connect to the Docker daemon at (?<address>\S+?)\.? Is the docker daemon running", RegexOptions.IgnoreCase)]
    private static partial Regex Unreachable();
}

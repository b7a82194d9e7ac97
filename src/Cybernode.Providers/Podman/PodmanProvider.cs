using Cybernode.Providers.Engines;

namespace Cybernode.Providers.Podman;

/// <summary>podman: docker's command line without a daemon, with its own storage root and containers.conf.</summary>
public sealed class PodmanProvider(ContainersToolOptions options) : DockerCompatibleProvider(
    new EngineCli(EngineName, options.Program ?? EngineName, options.GlobalArguments(), options.ProcessEnvironment(), "apt-get install podman", ContainersToolErrors.For(EngineName)),
    options.RelabelMounts)
{
    public const string EngineName = "podman";

    public override ArchiveFormat PreferredArchiveFormat => ArchiveFormat.OciArchive;

    /// <summary>podman info touches storage and the runtime, so a broken setup shows here rather than mid-build.</summary>
    public override Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken) =>
        Probe.RunAsync(Cli, ["info", "--format", "{{.Version.Version}}"], output => output.Trim(), cancellationToken);

    /// <summary>podman's rm --force first stops the container gracefully, waiting up to 10 s; --time 0 kills it at once, as docker's does.</summary>
    private protected override IReadOnlyList<string> ForceRemoveArguments(string container) => ["rm", "--force", "--time", "0", container];

    private protected override bool Supports(ArchiveFormat format) => true;

    private protected override IEnumerable<string> SaveFormatArguments(ArchiveFormat format) => ["--format", format.TransportName()];
}

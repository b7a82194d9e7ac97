using Cybernode.Oci.Transports;
using Cybernode.Providers;

namespace Cybernode.Cli.Commands;

/// <summary>The command that brings an exported image into an engine, for the format that was written.</summary>
public static class LoadCommand
{
    public static string? For(TransportReference written, string name)
    {
        var path = ShellQuoting.Quote(written.Path);
        return written.Transport switch
        {
            // Both engines read a docker archive, docker 20.10 included.
            DockerArchiveTransport => $"docker load -i {path} (or podman load -i {path})",

            // docker before 25 reads no OCI archive, which is why export writes docker archives by default.
            OciArchiveTransport => $"podman load -i {path}",
            OciLayoutTransport => $"podman pull {ShellQuoting.Quote($"oci:{written.Path}:{name}")} (or skopeo copy {ShellQuoting.Quote($"oci:{written.Path}:{name}")} {ShellQuoting.Quote($"docker-daemon:{name}")})",
            _ => null,
        };
    }
}

using Cybernode.Providers.Processes;

namespace Cybernode.Providers.Engines;

/// <summary>Failures podman and buildah report in the same words, since both sit on containers/storage and the OCI runtime.</summary>
internal static class ContainersToolErrors
{
    public static Func<ProcessResult, ProviderException?> For(string engine) => result =>
    {
        // Only the engine's own "Error:" lines count: a build step that prints "permission denied" is the build's failure.
        foreach (var line in result.LastLines.Where(l => l.StartsWith("Error:", StringComparison.OrdinalIgnoreCase)))
        {
            // podman words it "setrlimit RLIMIT_NOFILE" or, through runc, "error setting rlimit type 7" (7 is RLIMIT_NOFILE).
            if (line.Contains("rlimit", StringComparison.OrdinalIgnoreCase))
            {
                return new ProviderException(
                    $"{engine} cannot set the container's open-file limit: {line}",
                    "point CONTAINERS_CONF at a containers.conf with [containers] default_ulimits = [\"nofile=20000:20000\"] (the whole file: docs/podman.md)");
            }

            if (line.Contains("permission denied", StringComparison.OrdinalIgnoreCase) || line.Contains("operation not permitted", StringComparison.OrdinalIgnoreCase))
            {
                return new ProviderException(
                    $"{engine} was refused access: {line}",
                    $"run {engine} as root, or set up rootless {engine} (subordinate ids in /etc/subuid and /etc/subgid, the uidmap package)");
            }
        }

        return null;
    };
}

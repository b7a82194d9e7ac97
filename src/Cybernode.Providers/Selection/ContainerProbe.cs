using System.Security.Cryptography;

namespace Cybernode.Providers.Selection;

/// <summary>
/// Whether an engine that answers can also start a container: it loads an empty image cybernode
/// made and runs it, with no network, with an entrypoint that does not exist. An engine that gets
/// as far as looking for that program ("no such file", "not found") has a working runtime; any
/// other failure (rlimits, cgroups, the OCI runtime) means every build run would fail the same way.
/// </summary>
public static class ContainerProbe
{
    /// <summary>The entrypoint that is not there; its name in the engine's complaint shows the runtime got that far.</summary>
    public const string MissingEntrypoint = "/cybernode-doctor-no-such-program";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<ProviderStatus> RunAsync(IContainerProvider provider, ProviderStatus answered, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var image = $"cybernode-doctor/probe:{suffix}";
        var folder = Directory.CreateTempSubdirectory("cybernode-doctor-");
        try
        {
            var archive = await ProbeImage.WriteAsync(folder.FullName, image, provider.PreferredArchiveFormat, timeout.Token);
            await provider.LoadImageAsync(archive, provider.PreferredArchiveFormat, new Progress<string>(), timeout.Token);
            try
            {
                var run = new RunBuildRequest("doctor", image, Path.Combine(folder.FullName, "bin"))
                {
                    ContainerName = $"cybernode-doctor-{suffix}",
                    Command = [MissingEntrypoint],
                    NoNetwork = true,
                };
                await provider.RunBuildAsync(run, new Progress<string>(), timeout.Token);
                return Broken(answered, $"{provider.Name} ran {MissingEntrypoint}, a program that does not exist", "check which OCI runtime the engine is configured with");
            }
            finally
            {
                await provider.RemoveImageAsync(image);
            }
        }
        catch (EngineCommandFailedException e) when (e.LastLines.Any(ReachedTheEntrypoint))
        {
            return answered;
        }
        catch (EngineCommandFailedException e)
        {
            var line = e.LastLines.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {e.ExitCode}";
            return Broken(answered, $"{provider.Name} cannot start a container: {line}", FixFor(provider.Name));
        }
        catch (ProviderException e)
        {
            return Broken(answered, $"{provider.Name} cannot start a container: {e.Message.Split('\n')[0]}", e.Hint ?? FixFor(provider.Name));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Broken(answered, $"{provider.Name} did not start a container within {Timeout.TotalSeconds:0} s", FixFor(provider.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool ReachedTheEntrypoint(string line) =>
        line.Contains(MissingEntrypoint, StringComparison.Ordinal)
        && (line.Contains("no such file", StringComparison.OrdinalIgnoreCase) || line.Contains("not found", StringComparison.OrdinalIgnoreCase));

    private static ProviderStatus Broken(ProviderStatus answered, string reason, string hint) =>
        answered with { Usable = false, Reason = reason, Hint = hint };

    private static string FixFor(string engine) => engine == "docker"
        ? "see the daemon's log (journalctl -u docker) for why dockerd cannot start containers"
        : "point CONTAINERS_CONF at a containers.conf as in docs/podman.md (default_ulimits, cgroup_manager = \"cgroupfs\", runtime = \"runc\"), then run cybernode doctor again";
}

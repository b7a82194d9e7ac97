using Cybernode.Oci.Model;
using Cybernode.Providers.Processes;

namespace Cybernode.Providers.Engines;

/// <summary>
/// What docker and podman share: podman's command line is docker's, so builds, runs, loads and
/// saves are spelled once here; each engine says how to reach it, which archives it takes and
/// how it words its failures.
/// </summary>
public abstract class DockerCompatibleProvider : IContainerProvider, ICacheVolumes
{
    private readonly EngineCli _cli;
    private readonly bool _relabelMounts;

    private protected DockerCompatibleProvider(EngineCli cli, bool? relabelMounts)
    {
        _cli = cli;
        _relabelMounts = relabelMounts ?? SeLinux.IsEnforcing;
    }

    public string Name => _cli.Engine;

    public abstract ArchiveFormat PreferredArchiveFormat { get; }

    private protected EngineCli Cli => _cli;

    public abstract Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken);

    public virtual Task BuildImageAsync(BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken) =>
        BuildAsync(_cli, [], request, output, cancellationToken);

    public async Task RunBuildAsync(RunBuildRequest request, IProgress<string> output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        using var running = BuildContainers.Track(() => _cli.CleanUpAsync(ForceRemoveArguments(request.ContainerName)));
        try
        {
            await _cli.RunAsync(RunArguments(request), output, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or ProviderException)
        {
            // --rm does not cover a client killed by Ctrl-C: the container would go on running.
            await _cli.CleanUpAsync(ForceRemoveArguments(request.ContainerName));
            throw;
        }
    }

    public Task LoadImageAsync(string archivePath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken)
    {
        RequireFormat(format, "load");
        return _cli.RunAsync(LoadArguments(archivePath), output, cancellationToken);
    }

    public Task SaveImageAsync(string image, string targetPath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken)
    {
        RequireFormat(format, "save");
        return _cli.RunAsync(SaveArguments(image, targetPath, format), output, cancellationToken);
    }

    public async Task<Digest?> ImageIdAsync(string image, CancellationToken cancellationToken)
    {
        var result = await _cli.TryRunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken);
        if (result.Succeeded)
        {
            return EngineImageId.Parse(result.StandardOutput);
        }

        // "No such image" is an answer; an unreachable daemon is not.
        var explained = _cli.Failure(_cli.Command(["image", "inspect", image]), result);
        return explained is EngineCommandFailedException ? null : throw explained;
    }

    public async Task<CacheVolumeRemoval> RemoveCacheAsync(string volume, bool dryRun, CancellationToken cancellationToken)
    {
        var inspected = await _cli.TryRunAsync(["volume", "inspect", volume], cancellationToken);
        if (!inspected.Succeeded)
        {
            // "No such volume" is an answer; an unreachable daemon is not.
            var explained = _cli.Failure(_cli.Command(["volume", "inspect", volume]), inspected);
            return explained is EngineCommandFailedException ? new CacheVolumeRemoval(volume, CacheVolumeState.Absent) : throw explained;
        }

        var users = await VolumeUsersAsync(volume, cancellationToken);
        var data = users.FirstOrDefault(u => u.Mounts.Any(m => m.Name == volume && CacheVolumeRemoval.IsDataPath(m.Destination)));
        if (data != default)
        {
            return new CacheVolumeRemoval(volume, CacheVolumeState.DataVolume, $"container {data.Container} mounts it at {CacheVolumeRemoval.DataPath}");
        }

        if (users.Count > 0)
        {
            return new CacheVolumeRemoval(volume, CacheVolumeState.InUse, $"used by container {string.Join(", ", users.Select(u => u.Container))}");
        }

        if (!dryRun)
        {
            await _cli.RunAsync(["volume", "rm", volume], null, cancellationToken);
        }

        return new CacheVolumeRemoval(volume, CacheVolumeState.Removed);
    }

    /// <summary>The containers (running or not) that mount a volume, each with all its volume mounts (name, destination).</summary>
    private async Task<List<(string Container, List<(string Name, string Destination)> Mounts)>> VolumeUsersAsync(string volume, CancellationToken cancellationToken)
    {
        var listed = await _cli.RunAsync(["container", "ls", "--all", "--no-trunc", "--filter", $"volume={volume}", "--format", "{{.ID}}"], null, cancellationToken);
        var ids = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return [];
        }

        // One line per container: its name, then NAME=DESTINATION per mount (bind mounts have no name).
        var inspected = await _cli.RunAsync(["container", "inspect", "--format", "{{.Name}}{{range .Mounts}} {{.Name}}={{.Destination}}{{end}}", .. ids], null, cancellationToken);
        return [.. inspected.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var mounts = fields.Skip(1).Select(f => f.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1])).ToList();
            return (fields[0].TrimStart('/'), mounts);
        })];
    }

    public Task RemoveImageAsync(string image) => _cli.CleanUpAsync(["rmi", image]);

    public Task TagImageAsync(string image, string newName, CancellationToken cancellationToken) =>
        _cli.RunAsync(["tag", image, newName], null, cancellationToken);

    public IReadOnlyList<EngineCommand> PlanTagImage(string image, string newName) => [_cli.Command(["tag", image, newName])];

    public IReadOnlyList<EngineCommand> PlanSaveImage(string image, string targetPath, ArchiveFormat format)
    {
        RequireFormat(format, "save");
        return [_cli.Command(SaveArguments(image, targetPath, format))];
    }

    public IReadOnlyList<EngineCommand> PlanLoadImage(string archivePath, ArchiveFormat format)
    {
        RequireFormat(format, "load");
        return [_cli.Command(LoadArguments(archivePath))];
    }

    public virtual IReadOnlyList<EngineCommand> PlanBuildImage(BuildImageRequest request) => [_cli.Command(BuildArguments(request))];

    public IReadOnlyList<EngineCommand> PlanRunBuild(RunBuildRequest request) => [_cli.Command(RunArguments(request))];

    /// <summary>The formats this engine can load and save.</summary>
    private protected abstract bool Supports(ArchiveFormat format);

    private protected abstract IEnumerable<string> SaveFormatArguments(ArchiveFormat format);

    /// <summary>
    /// Runs <c>build</c> with <paramref name="flags"/>; when part of the context must be left out
    /// (<see cref="BuildImageRequest.IgnorePatterns"/>), podman reads the rules from an ignore file.
    /// </summary>
    private protected virtual async Task BuildAsync(EngineCli cli, IReadOnlyList<string> flags, BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken)
    {
        if (request.IgnorePatterns is not { } patterns)
        {
            await cli.RunAsync(["build", .. flags, .. BuildFlags.For(request)], output, cancellationToken);
            return;
        }

        using var ignoreFile = await IgnoreFile.WriteAsync(patterns, cancellationToken);
        await cli.RunAsync(["build", .. flags, "--ignorefile", ignoreFile.Path, .. BuildFlags.For(request)], output, cancellationToken);
    }

    /// <summary>Kills a container at once and removes it.</summary>
    private protected virtual IReadOnlyList<string> ForceRemoveArguments(string container) => ["rm", "--force", container];

    private protected static List<string> BuildArguments(BuildImageRequest request) => ["build", .. BuildFlags.For(request)];

    private static string[] LoadArguments(string archivePath) => ["load", "--input", archivePath];

    private string[] SaveArguments(string image, string targetPath, ArchiveFormat format) => ["save", .. SaveFormatArguments(format), "--output", targetPath, image];

    private List<string> RunArguments(RunBuildRequest request)
    {
        var arguments = new List<string> { "run", "--rm", "--name", request.ContainerName };
        arguments.AddRange(RunMounts.For(request, volume => volume, _relabelMounts));
        arguments.Add(request.Image);
        arguments.AddRange(request.Command ?? []);
        return arguments;
    }

    private void RequireFormat(ArchiveFormat format, string verb)
    {
        if (!Supports(format))
        {
            throw new ProviderException(
                $"{Name} cannot {verb} an {format.Describe()}",
                $"use a {PreferredArchiveFormat.Describe()} with {Name}");
        }
    }
}

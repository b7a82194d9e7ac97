using System.Text.Json;
using Cybernode.Oci.Model;
using Cybernode.Providers.Engines;

namespace Cybernode.Providers.Buildah;

/// <summary>
/// buildah: builds with <c>buildah bud</c>; a build run is a working container (<c>buildah from</c>)
/// in which the image's entrypoint and CMD are run by <c>buildah run</c> with the output folder
/// bind-mounted, since buildah has no "run the image as it is".
/// </summary>
public sealed class BuildahProvider : IContainerProvider, ICacheVolumes
{
    public const string EngineName = "buildah";
    private readonly EngineCli _cli;
    private readonly EngineCli _runtime;
    private readonly bool _relabelMounts;
    private readonly string _cacheRoot;

    public BuildahProvider(ContainersToolOptions options)
    {
        _cli = new EngineCli(EngineName, options.Program ?? EngineName, options.GlobalArguments(), options.ProcessEnvironment(), "apt-get install buildah", ContainersToolErrors.For(EngineName));
        _runtime = new EngineCli(options.Runtime, options.Runtime, [], options.ProcessEnvironment(), $"apt-get install {options.Runtime}", _ => null);
        _relabelMounts = options.RelabelMounts ?? SeLinux.IsEnforcing;
        _cacheRoot = options.CacheRoot
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cybernode", "volumes");
    }

    public string Name => EngineName;

    /// <summary>buildah has no volumes: a cache is a folder cybernode mounts, and no container outlives its build run.</summary>
    public Task<CacheVolumeRemoval> RemoveCacheAsync(string volume, bool dryRun, CancellationToken cancellationToken)
    {
        var folder = CacheFolder(volume);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(new CacheVolumeRemoval(volume, CacheVolumeState.Absent));
        }

        if (!dryRun)
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.FromResult(new CacheVolumeRemoval(volume, CacheVolumeState.Removed));
    }

    public ArchiveFormat PreferredArchiveFormat => ArchiveFormat.OciArchive;

    public Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken) =>
        Probe.RunAsync(_cli, ["version"], ParseVersion, cancellationToken);

    public async Task BuildImageAsync(BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken)
    {
        if (request.IgnorePatterns is not { } patterns)
        {
            await _cli.RunAsync(BuildArguments(request), output, cancellationToken);
            return;
        }

        using var ignoreFile = await IgnoreFile.WriteAsync(patterns, cancellationToken);
        await _cli.RunAsync(BuildArguments(request, ignoreFile.Path), output, cancellationToken);
    }

    public async Task RunBuildAsync(RunBuildRequest request, IProgress<string> output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        foreach (var volume in request.CacheVolumes.Keys)
        {
            Directory.CreateDirectory(CacheFolder(volume));
        }

        var command = request.Command ?? request.ImageCommand ?? await ImageCommandAsync(request.Image, cancellationToken);
        var runtimeState = Path.Combine(Path.GetTempPath(), "cybernode-runtime", request.ContainerName);
        Directory.CreateDirectory(runtimeState);
        await _cli.RunAsync(FromArguments(request), request.EngineOutput ?? output, cancellationToken);
        using var running = BuildContainers.Track(() => ForceRemoveAsync(request.ContainerName, runtimeState));
        try
        {
            await _cli.RunAsync(UnshadowArguments(request), request.EngineOutput ?? output, cancellationToken);
            await _cli.RunAsync(RunArguments(request, command, runtimeState), output, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopRuntimeContainersAsync(runtimeState);
            throw;
        }
        finally
        {
            await _cli.CleanUpAsync(["rm", request.ContainerName]);
            Directory.Delete(runtimeState, recursive: true);
        }
    }

    public Task LoadImageAsync(string archivePath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken) =>
        _cli.RunAsync(LoadArguments(archivePath, format), output, cancellationToken);

    /// <summary>Pushing to an archive transport lets the archive carry the familiar name rather than localhost/….</summary>
    public Task SaveImageAsync(string image, string targetPath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken) =>
        _cli.RunAsync(SaveArguments(image, targetPath, format), output, cancellationToken);

    public IReadOnlyList<EngineCommand> PlanSaveImage(string image, string targetPath, ArchiveFormat format) => [_cli.Command(SaveArguments(image, targetPath, format))];

    private static string[] SaveArguments(string image, string targetPath, ArchiveFormat format)
    {
        var destination = $"{format.TransportName()}:{Path.GetFullPath(targetPath)}";
        if (ImageReference.TryParse(image, out var reference, out _) && reference.Digest is null)
        {
            destination += ":" + reference.FamiliarName;
        }

        return ["push", image, destination];
    }

    public async Task<Digest?> ImageIdAsync(string image, CancellationToken cancellationToken)
    {
        var arguments = new[] { "inspect", "--type", "image", "--format", "{{.FromImageID}}", image };
        var result = await _cli.TryRunAsync(arguments, cancellationToken);
        if (result.Succeeded)
        {
            return EngineImageId.Parse(result.StandardOutput);
        }

        var explained = _cli.Failure(_cli.Command(arguments), result);
        return explained is EngineCommandFailedException ? null : throw explained;
    }

    public Task RemoveImageAsync(string image) => _cli.CleanUpAsync(["rmi", image]);

    public Task TagImageAsync(string image, string newName, CancellationToken cancellationToken) =>
        _cli.RunAsync(["tag", image, newName], null, cancellationToken);

    public IReadOnlyList<EngineCommand> PlanTagImage(string image, string newName) => [_cli.Command(["tag", image, newName])];

    public IReadOnlyList<EngineCommand> PlanLoadImage(string archivePath, ArchiveFormat format) => [_cli.Command(LoadArguments(archivePath, format))];

    private static string[] LoadArguments(string archivePath, ArchiveFormat format) => ["pull", $"{format.TransportName()}:{Path.GetFullPath(archivePath)}"];

    public IReadOnlyList<EngineCommand> PlanBuildImage(BuildImageRequest request) => [_cli.Command(BuildArguments(request))];

    public IReadOnlyList<EngineCommand> PlanRunBuild(RunBuildRequest request)
    {
        var command = request.Command ?? request.ImageCommand;
        var run = _cli.Command(RunArguments(request, command ?? [], runtimeState: null));
        return
        [
            _cli.Command(FromArguments(request)),
            _cli.Command(UnshadowArguments(request)),
            command is null ? run with { Note = $"then the image's entrypoint and CMD: buildah inspect --type image {request.Image}" } : run,
            _cli.Command(["rm", request.ContainerName]),
        ];
    }

    /// <summary>With --layers, as podman build and docker build do by default: without it every build of a build image starts from scratch.</summary>
    private static List<string> BuildArguments(BuildImageRequest request, string? ignoreFile = null) =>
        ["bud", "--layers", .. ignoreFile is null ? [] : new[] { "--ignorefile", ignoreFile }, .. BuildFlags.For(request)];

    /// <summary>The build image was just built or loaded here: never reach for a registry.</summary>
    private static List<string> FromArguments(RunBuildRequest request) =>
        ["from", "--pull=never", "--name", request.ContainerName, request.Image];

    /// <summary>
    /// buildah run mounts an anonymous volume for every VOLUME the image declares over the bind
    /// mounts it was given, so a build image with <c>VOLUME /build</c> (the original layout's
    /// convention) would copy its binaries into a volume that is thrown away: the working container
    /// forgets those volumes first (a trailing <c>-</c> removes one; one never declared is no error).
    /// </summary>
    private static List<string> UnshadowArguments(RunBuildRequest request) =>
        ["config", .. new[] { RunBuildRequest.BuildMountPath }.Concat(request.CacheVolumes.Values).SelectMany(path => new[] { "--volume", path + "-" }), request.ContainerName];

    private static string? ParseVersion(string output) =>
        output.Split('\n').Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == "Version")?[1].Trim();

    /// <param name="runtimeState">A state folder of this run's own for the OCI runtime, so a cancelled run's container can be found; null in a plan.</param>
    private List<string> RunArguments(RunBuildRequest request, IReadOnlyList<string> command, string? runtimeState)
    {
        var arguments = new List<string> { "run" };
        if (runtimeState is not null)
        {
            arguments.AddRange(["--runtime", _runtime.Engine, "--runtime-flag", $"root={runtimeState}"]);
        }

        arguments.AddRange(RunMounts.For(request, CacheFolder, _relabelMounts));
        arguments.AddRange([request.ContainerName, "--", .. command]);
        return arguments;
    }

    /// <summary>
    /// buildah run passes SIGTERM on to the container, where a PID 1 that ignores it (a shell, sleep)
    /// lives on after buildah is killed: so the runtime's own containers of this run are deleted by force.
    /// </summary>
    private async Task StopRuntimeContainersAsync(string runtimeState)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var listed = await _runtime.TryRunAsync(["--root", runtimeState, "list", "--quiet"], timeout.Token);
            foreach (var id in listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await _runtime.CleanUpAsync(["--root", runtimeState, "delete", "--force", id]);
            }
        }
        catch (Exception e) when (e is ProviderException or OperationCanceledException)
        {
            // Cancellation is already under way; a runtime that cannot be asked leaves nothing more to do.
        }
    }

    /// <summary>A forced stop: the runtime's container at once, then the working container (a forced exit runs no finally).</summary>
    private async Task ForceRemoveAsync(string containerName, string runtimeState)
    {
        await StopRuntimeContainersAsync(runtimeState);
        await _cli.CleanUpAsync(["rm", containerName]);
    }

    private string CacheFolder(string volume) => Path.Combine(_cacheRoot, volume);

    private async Task<IReadOnlyList<string>> ImageCommandAsync(string image, CancellationToken cancellationToken)
    {
        var result = await _cli.RunAsync(["inspect", "--type", "image", image], null, cancellationToken);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var config = document.RootElement.GetProperty("OCIv1").TryGetProperty("config", out var c) ? c : default;
        var command = Strings(config, "Entrypoint").Concat(Strings(config, "Cmd")).ToList();
        return command.Count > 0
            ? command
            : throw new ProviderException($"the build image {image} has no CMD or ENTRYPOINT to run", "give its Dockerfile-build a CMD that copies the binaries to /build");
    }

    private static IEnumerable<string> Strings(JsonElement config, string property) =>
        config.ValueKind == JsonValueKind.Object && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString() ?? "")
            : [];
}

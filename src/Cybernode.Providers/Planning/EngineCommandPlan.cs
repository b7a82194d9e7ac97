namespace Cybernode.Providers.Planning;

/// <summary>
/// The commands a user would type to build a service by hand with one engine: build the build
/// image, empty bin, run the build image with bin at /build, build the run image, tag it. The provider
/// spells its own commands, so the plan is what a real build runs.
/// </summary>
public static class EngineCommandPlan
{
    /// <summary>The folder a real build makes anew for each stage; the plan can only name it.</summary>
    private const string SecretsFolder = "SECRETS";
    private const string SecretsVariable = "CYBERNODE_SECRETS";

    /// <param name="provider">The engine the build uses; null when it needs none (host build stages, run images assembled in-process).</param>
    /// <param name="workingDirectory">Folders under it are shown relative to it; mounts are always absolute.</param>
    public static IReadOnlyList<EngineCommand> For(IContainerProvider? provider, PlannedService service, string workingDirectory) =>
    [
        .. service.HasBuildDockerfile ? BuildImage(provider, service, workingDirectory).Concat(BuildRun(provider, service)) : [],
        .. !service.HasBuildDockerfile && service.HasBuildScript ? HostScript(service, workingDirectory) : [],
        .. RunImage(provider, service, workingDirectory),
        .. Tag(provider, service),
    ];

    /// <summary>The build image: the stored bases it starts FROM loaded into the engine, then built from Dockerfile-build.</summary>
    public static IReadOnlyList<EngineCommand> BuildImage(IContainerProvider? provider, PlannedService service, string workingDirectory)
    {
        var shown = ShownPath.From(workingDirectory, Path.GetFullPath(service.Folder));
        var engine = Engine(provider, service);
        return [
            .. Loads(engine, service, service.BuildBases),
            .. engine.PlanBuildImage(new BuildImageRequest(shown, Path.Combine(shown, PlannedService.BuildDockerfileName), service.BuildImage)
            {
                BuildArgs = service.BuildArgs,
                Secrets = service.Secrets,
                NoCache = service.NoCache,
            }),
        ];
    }

    /// <summary>bin emptied, then the build image run with it at /build.</summary>
    public static IReadOnlyList<EngineCommand> BuildRun(IContainerProvider? provider, PlannedService service)
    {
        var output = OutputOf(service);
        var run = Engine(provider, service).PlanRunBuild(new RunBuildRequest(service.Name, service.BuildImage, output)
        {
            ContainerName = $"cybernode-build-{service.Name}",
            ImageCommand = service.BuildCommand,
            CacheVolumes = service.CacheVolumes,
            Secrets = SecretCopies(service.Secrets),
        });
        return [.. EmptyOutput(output), .. run.Select(c => c.Arguments.Any(MountsSecret) ? c with { Note = Join(c.Note, SecretsNote(service.Secrets)) } : c)];
    }

    /// <summary>bin emptied, then 01build.sh run on the host in its folder.</summary>
    public static IReadOnlyList<EngineCommand> HostScript(PlannedService service, string workingDirectory)
    {
        var output = OutputOf(service);
        string[] secrets = service.Secrets.Count == 0 ? [] : [$"{SecretsVariable}={SecretsFolder}"];
        return [
            .. EmptyOutput(output),
            new EngineCommand("env", ["-C", ShownPath.From(workingDirectory, Path.GetFullPath(service.Folder)), $"BUILD_DIR={output}", .. secrets, .. service.BuildScriptCommand])
            {
                Note = Join("on the host", service.Secrets.Count == 0 ? null : SecretsNote(service.Secrets)),
            },
        ];
    }

    /// <summary>The run image: assembled in-process (and then loaded into the engine, when the build uses one), or built by the engine and copied into the store.</summary>
    public static IReadOnlyList<EngineCommand> RunImage(IContainerProvider? provider, PlannedService service, string workingDirectory)
    {
        var shown = ShownPath.From(workingDirectory, Path.GetFullPath(service.Folder));
        var runDockerfile = Path.Combine(shown, PlannedService.RunDockerfileName);
        if (service.RunImageInProcess)
        {
            var loaded = provider is null ? "" : $", then loaded into {provider.Name}";
            return [EngineCommand.Comment($"{service.RunImage} assembled in-process from {runDockerfile}{loaded}")];
        }

        var engine = Engine(provider, service);
        return [
            .. Loads(engine, service, service.RunBases),
            .. engine.PlanBuildImage(new BuildImageRequest(shown, runDockerfile, service.RunImage) { BuildArgs = service.BuildArgs }),
            .. CopyToStore(engine, service),
        ];
    }

    /// <summary>The run image's other names, in the store and in the engine.</summary>
    public static IReadOnlyList<EngineCommand> Tag(IContainerProvider? provider, PlannedService service) =>
        [.. service.ExtraNames.SelectMany(name => provider is null ? [EngineCommand.Comment($"{service.RunImage} also named {name} in cybernode's store")] : provider.PlanTagImage(service.RunImage, name))];

    private static string OutputOf(PlannedService service) => Path.Combine(Path.GetFullPath(service.Folder), PlannedService.OutputFolderName);

    private static EngineCommand[] EmptyOutput(string output) => [new EngineCommand("rm", ["-rf", output]), new EngineCommand("mkdir", ["-p", output])];

    private static IContainerProvider Engine(IContainerProvider? provider, PlannedService service) =>
        provider ?? throw new ArgumentException($"{service.Name} is built by a container engine, but the plan has none", nameof(provider));

    /// <summary>The run image the engine built, copied into cybernode's store as the build copies it: saved to an archive, imported, removed.</summary>
    private static IEnumerable<EngineCommand> CopyToStore(IContainerProvider provider, PlannedService service)
    {
        var format = provider.PreferredArchiveFormat;
        var archive = Archive(provider, service);
        return [
            new EngineCommand("mkdir", ["-p", service.ScratchFolder]),
            .. provider.PlanSaveImage(service.RunImage, archive, format),
            new EngineCommand("cybernode", ["import", $"{format.TransportName()}:{archive}", service.RunImage, "--store", service.Store]),
            new EngineCommand("rm", ["-f", archive]),
        ];
    }

    private static string Archive(IContainerProvider provider, PlannedService service) => Path.Combine(service.ScratchFolder, $"{provider.Name}-image.tar");

    /// <summary>
    /// Each image the build loads from cybernode's store into the engine, as a user would: export
    /// it to an archive the engine takes, load that, remove it.
    /// </summary>
    private static IEnumerable<EngineCommand> Loads(IContainerProvider provider, PlannedService service, IEnumerable<string> images)
    {
        var format = provider.PreferredArchiveFormat;
        var archive = Archive(provider, service);
        foreach (var image in images)
        {
            yield return new EngineCommand("mkdir", ["-p", service.ScratchFolder]);
            yield return new EngineCommand("cybernode", ["export", image, "--store", service.Store, "--format", format.TransportName(), "-o", archive])
            {
                Note = $"{image} is in cybernode's store: the build loads it into {provider.Name} unless {provider.Name} holds it already",
            };
            foreach (var load in provider.PlanLoadImage(archive, format))
            {
                yield return load;
            }

            yield return new EngineCommand("rm", ["-f", archive]);
        }
    }

    private static SortedDictionary<string, string> SecretCopies(IReadOnlyList<BuildSecret> secrets) =>
        new(secrets.ToDictionary(s => s.Id, s => $"{SecretsFolder}/{s.Id}"), StringComparer.Ordinal);

    private static string SecretsNote(IReadOnlyList<BuildSecret> secrets) =>
        $"{SecretsFolder}: a private folder (0700) made for this stage and removed after it, holding a 0400 copy of "
        + string.Join(", ", secrets.Select(s => $"{s.Id} (from {s.Origin})"));

    private static bool MountsSecret(string argument) => argument.Contains($":{BuildSecret.MountFolder}/", StringComparison.Ordinal);

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first}; {second}";
}

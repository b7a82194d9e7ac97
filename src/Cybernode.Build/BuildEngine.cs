using System.Diagnostics;
using Cybernode.Build.Assembly;
using Cybernode.Build.Bases;
using Cybernode.Build.Containers;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Lifecycle;
using Cybernode.Build.Locking;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting;
using Cybernode.Build.Secrets;
using Cybernode.Build.Tagging;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;
using Cybernode.Providers;
using Cybernode.Providers.Planning;
using Cybernode.Providers.Selection;

namespace Cybernode.Build;

/// <summary>
/// Builds the services of a workspace in dependency order: the build stage (Dockerfile-build run by
/// a container engine, or 01build.sh on the host), then the run image, then its extra tags. A
/// failed service fails those that need it, not the rest.
/// </summary>
public sealed class BuildEngine(IBuildReporter reporter, RegistryBases? registry = null)
{
    public const string VersionFile = "VERSION";
    public const string RevisionFile = "REVISION";

    public async Task<IReadOnlyList<ServiceResult>> BuildAsync(Workspace workspace, BuildOptions options, CancellationToken cancellationToken)
    {
        var (order, dependencies) = Resolve(workspace, options);
        var store = await OciLayoutStore.OpenAsync(options.StorePath, cancellationToken);
        var provider = NeedsEngine(workspace, order, options) ? await WorkspaceProviders.SelectAsync(workspace, options.Provider, cancellationToken) : null;

        // A missing base found after a long 01build.sh wastes it: pull or look for them all before anything starts.
        var uses = BaseUses.Find(workspace, options, [.. order.Select(n => workspace.FindService(n)!)]);
        var bases = options.Pull == PullPolicy.Never
            ? null
            : await new BaseResolver(workspace.Root, store, registry, options.Pull, new MissingBaseImages(options, store, provider)).ResolveAsync(uses, reporter.StageStarted, cancellationToken);
        foreach (var moved in bases?.Locked.Where(c => c is { Changed: true, Old: not null, New: not null }) ?? [])
        {
            var service = uses.First(u => u.Mention.Image.FamiliarName == moved.Base.Reference && u.Mention.Platform == moved.Base.Platform).Service;
            reporter.StageStarted(service, $"base {moved.Describe()}; {BaseLock.FileName} updated");
        }

        var missing = bases is { Failures.Count: > 0 } ? bases.Failures : await new MissingBaseImages(options, store, provider).FindAsync(uses, cancellationToken);
        if (missing.Count > 0)
        {
            return NotStarted(workspace, order, missing);
        }

        var images = provider is null ? null : new EngineImages(provider, store, options.Assembler.Platform, ScratchFolder(workspace), bases?.Pinned ?? new HashSet<string>());
        var context = new BuildContext(workspace, options, store, new InProcessAssembler(store, options.Assembler), provider, images, new GitRevision(workspace.Root));

        // Every service starts once the services it needs are done, at most Jobs at a time; the
        // order list has dependencies first, so their tasks exist when a dependent is scheduled.
        using var slots = new SemaphoreSlim(Math.Max(1, options.Jobs));
        var running = new Dictionary<string, Task<ServiceResult>>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            var needs = dependencies.Where(d => d.Service == name).Select(d => d.DependsOn).Distinct().Select(n => running[n]).ToList();
            running[name] = BuildWhenReadyAsync(context, workspace.FindService(name)!, needs, slots, cancellationToken);
        }

        return await Task.WhenAll(order.Select(name => running[name]));
    }

    private async Task<ServiceResult> BuildWhenReadyAsync(
        BuildContext context, Service service, IReadOnlyList<Task<ServiceResult>> needs, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var needed = await Task.WhenAll(needs);
        var blockedBy = needed.FirstOrDefault(r => r.Status is ServiceStatus.Failed or ServiceStatus.Skipped);
        ServiceResult result;
        if (blockedBy is not null)
        {
            result = new ServiceResult(service.Name, service.ImageName, ServiceStatus.Skipped, Error: $"not built: it needs {blockedBy.Name}, which failed");
        }
        else
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                result = await BuildServiceAsync(context, service, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }

        reporter.ServiceFinished(result);
        return result;
    }

    /// <summary>
    /// The commands a build would run, in build order, with the same choices the build makes (an
    /// engine only when it needs one, store images loaded into it), and the bases it would miss;
    /// builds nothing and needs no engine.
    /// </summary>
    /// <param name="workingDirectory">Service folders under it are shown relative to it.</param>
    public static async Task<BuildPlan> PlanAsync(Workspace workspace, BuildOptions options, string workingDirectory, CancellationToken cancellationToken)
    {
        var (order, _) = Resolve(workspace, options);
        var services = order.Select(n => workspace.FindService(n)!).ToList();
        var provider = NeedsEngine(workspace, order, options) ? await WorkspaceProviders.ForPlanAsync(workspace, options.Provider, cancellationToken) : null;
        var store = Path.Exists(options.StorePath) ? OciLayoutStore.OpenExisting(options.StorePath) : null;
        var engine = provider is not null && (await provider.ProbeAsync(cancellationToken)).Usable ? provider : null;
        var uses = BaseUses.Find(workspace, options, services);
        var pulls = options.Pull == PullPolicy.Never
            ? []
            : (await new BaseResolver(workspace.Root, store, null, options.Pull, new MissingBaseImages(options, store, engine)).PlanAsync(uses, cancellationToken)).Where(s => s.Pulls).ToList();
        var pulled = pulls.Select(p => p.Image.FamiliarName).ToHashSet(StringComparer.Ordinal);
        var missing = await new MissingBaseImages(options, store, engine).FindAsync([.. uses.Where(u => !pulled.Contains(u.Mention.Image.FamiliarName))], cancellationToken);
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        var plans = new List<ServicePlan>();
        foreach (var service in services)
        {
            var settings = workspace.Settings.For(service.Name);
            var planned = new PlannedService(service.Name, service.Folder, service.BuildImageName, service.ImageName, service.HasBuildDockerfile)
            {
                BuildCommand = service.HasBuildDockerfile ? BuildImageCommand.Read(service.BuildDockerfilePath) : null,
                HasBuildScript = service.HasBuildScript,
                BuildScriptCommand = service.HasBuildScript ? HostBuildStage.Command(service, $"./{Service.BuildScriptName}") : [],
                BuildBases = service.HasBuildDockerfile ? await StoredBasesAsync(workspace, store, service.BuildDockerfilePath, options, pulled, loaded, cancellationToken) : [],
                RunBases = options.RunImageAssembler == AssemblerKind.Engine ? await StoredBasesAsync(workspace, store, service.DockerfilePath, options, pulled, loaded, cancellationToken) : [],
                Store = Path.GetFullPath(options.StorePath),
                ScratchFolder = ScratchFolder(workspace),
                CacheVolumes = settings.Cache,
                RunImageInProcess = options.RunImageAssembler == AssemblerKind.InProcess,
                BuildArgs = options.BuildArgs,
                Secrets = options.Secrets,
                NoCache = options.NoCache,
                // Templates are shown as written: their values come from the build stage's output.
                ExtraNames = [.. ServiceTags.Written(workspace, service, options.Tags).Select(service.TaggedName)],
            };
            plans.Add(new ServicePlan(service.Name, service.ImageName, EngineCommandPlan.For(provider, planned, workingDirectory))
            {
                MissingBases = missing.GetValueOrDefault(service.Name) ?? [],
            });
        }

        return new BuildPlan(provider?.Name, plans) { Pulls = pulls };
    }

    /// <summary>
    /// Whether the build needs a container engine: for a Dockerfile-build, the engine assembler, or
    /// because one was named. A workspace of host-built services with the in-process assembler never looks for one.
    /// </summary>
    private static bool NeedsEngine(Workspace workspace, IReadOnlyList<string> order, BuildOptions options) =>
        options.Provider != ProviderSelector.Auto || options.RunImageAssembler == AssemblerKind.Engine
            || order.Any(name => workspace.FindService(name)!.HasBuildDockerfile);

    private static string ScratchFolder(Workspace workspace) => Path.Combine(workspace.Root, ".cybernode", "tmp");

    /// <summary>
    /// The images of the store (or that the build pulls into it, <paramref name="pulled"/>) an
    /// engine's build of <paramref name="dockerfile"/> starts FROM, as <see cref="EngineImages.ProvideAsync"/>
    /// loads them; each once per build (<paramref name="loaded"/>), and never another service's
    /// image, which its own build puts into the engine.
    /// </summary>
    private static async Task<IReadOnlyList<string>> StoredBasesAsync(
        Workspace workspace, OciLayoutStore? store, string dockerfile, BuildOptions options, IReadOnlySet<string> pulled, HashSet<string> loaded, CancellationToken cancellationToken)
    {
        var mentions = DockerfileReferences.Find(dockerfile, options.BuildArgs, options.Assembler.Platform);
        var stored = store is null ? [] : (await EngineImages.InStoreAsync(store, mentions, cancellationToken)).Select(s => s.Name);
        var services = DependencyFinder.ServiceImages(workspace);
        return [.. mentions.Select(m => m.Image.FamiliarName).Where(pulled.Contains).Concat(stored).Distinct(StringComparer.Ordinal).Where(n => !services.Contains(n) && loaded.Add(n))];
    }

    /// <summary>Every service as not started because bases are missing: those that miss one fail with each, the others are skipped.</summary>
    private List<ServiceResult> NotStarted(Workspace workspace, IReadOnlyList<string> order, IReadOnlyDictionary<string, IReadOnlyList<UserError>> missing)
    {
        var results = order.Select(name => missing.TryGetValue(name, out var errors)
            ? new ServiceResult(name, workspace.FindService(name)!.ImageName, ServiceStatus.Failed, Error: string.Join('\n', errors.Select(e => e.Describe())))
            : new ServiceResult(name, workspace.FindService(name)!.ImageName, ServiceStatus.Skipped, Error: "not built: base images of other services are missing")).ToList();
        results.ForEach(reporter.ServiceFinished);
        return results;
    }

    /// <summary>The --target stage, for the one service it was given with.</summary>
    internal static string? TargetOf(Workspace workspace, Service service, BuildOptions options) =>
        options.Services.Count == 1 && workspace.FindService(options.Services[0]) == service ? options.TargetStage : null;

    private static (IReadOnlyList<string> Order, IReadOnlyList<ServiceDependency> Dependencies) Resolve(Workspace workspace, BuildOptions options)
    {
        foreach (var wanted in options.Services)
        {
            if (workspace.FindService(wanted) is null)
            {
                throw new UserError($"no service '{wanted}' in {workspace.Root}", hint: $"services: {string.Join(", ", workspace.Services.Select(s => s.Name))}");
            }
        }

        if (options.TargetStage is not null && options.Services.Count != 1)
        {
            throw new UserError("--target picks a stage of one Dockerfile: name exactly one service", hint: "e.g. cybernode build WORKSPACE SERVICE --target STAGE");
        }

        var invalidTag = options.Tags.FirstOrDefault(t => !WorkspaceSettingsReader.IsValidTag(t));
        if (invalidTag is not null)
        {
            throw new UserError($"--tag '{invalidTag}' is not a valid image tag", hint: "a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }

        var dependencies = DependencyFinder.Find(workspace, options.BuildArgs, options.Assembler.Platform);
        var wantedNames = options.Services.Count == 0 ? workspace.Services.Select(s => s.Name) : options.Services.Select(s => workspace.FindService(s)!.Name);
        return (BuildOrder.Resolve(workspace.Services.Select(s => s.Name).ToList(), dependencies, wantedNames), dependencies);
    }

    /// <summary>
    /// Builds a service under its lock, so that another build of the same workspace never empties
    /// its bin/ or log halfway through this one. Called holding a job slot and no other lock.
    /// </summary>
    private async Task<ServiceResult> BuildServiceAsync(BuildContext context, Service service, CancellationToken cancellationToken)
    {
        ServiceLock serviceLock;
        try
        {
            serviceLock = await ServiceLock.AcquireAsync(context.Workspace.Root, service.Name, wait: !context.Options.NoWait,
                () => reporter.StageStarted(service.Name, $"waiting for another build of {service.Name}"), cancellationToken);
        }
        catch (UserError e)
        {
            return new ServiceResult(service.Name, service.ImageName, ServiceStatus.Failed, Error: e.Describe());
        }

        using (serviceLock)
        {
            if (await serviceLock.EndStaleGroupAsync() is { } stale)
            {
                reporter.StageStarted(service.Name, $"stopped what a killed build of {service.Name} left running (process group {stale.Id})");
            }

            return await BuildLockedServiceAsync(context, service, serviceLock, cancellationToken);
        }
    }

    private async Task<ServiceResult> BuildLockedServiceAsync(BuildContext context, Service service, ServiceLock serviceLock, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (workspace, options, store, _, provider, images, git) = context;
        using var log = new ServiceLog(Path.Combine(workspace.Root, ".cybernode", "logs"), service.Name, reporter);
        try
        {
            if (service.HasBuildDockerfile)
            {
                await new ContainerBuildStage(provider!, images!, reporter)
                    .RunAsync(service, workspace.Settings.For(service.Name), options, log, cancellationToken);
            }
            else if (service.HasBuildScript)
            {
                reporter.StageStarted(service.Name, "build");
                using var secrets = options.Secrets.Count == 0 ? null : await SecretFolder.CreateAsync(options.Secrets, cancellationToken);
                await HostBuildStage.RunAsync(service, secrets?.Path, log, serviceLock, cancellationToken);
            }

            // Before the image: a tag template that cannot be filled in fails the service with nothing stored.
            var extraNames = await ServiceTags.ExpandAsync(ServiceTags.Written(workspace, service, options.Tags), service, new TagValues(service, options.TagDate, git));
            reporter.StageStarted(service.Name, "image");
            var request = new AssemblyRequest(service.DockerfilePath, service.Folder, service.ImageName, options.BuildArgs, VersionLabels(service), TargetOf(workspace, service, options));
            var image = await AssemblerFor(context, log).AssembleAsync(request, cancellationToken);
            var tagged = new TaggedImage(image.Name, image.Manifest);
            // The entry as the store holds it, whose annotations (the image's cache key) the mark keeps.
            var stored = (await ImageReader.FindAsync(store, image.Name, cancellationToken))?.Manifest ?? image.Manifest;
            var marked = ImageOrigin.Mark(stored, workspace.Root);
            if (!ImageOrigin.IsFrom(stored, workspace.Root))
            {
                await store.TagAsync(image.Name, marked, cancellationToken);
            }

            foreach (var name in extraNames)
            {
                await store.TagAsync(name, marked, cancellationToken);
            }

            if (provider is not null)
            {
                await PublishToEngineAsync(provider, images!, tagged, extraNames, options.RunImageAssembler, log, cancellationToken);
            }

            return new ServiceResult(service.Name, service.ImageName, image.FromCache ? ServiceStatus.Cached : ServiceStatus.Built, image.Manifest.Digest, Duration: clock.Elapsed);
        }
        catch (UserError e)
        {
            return new ServiceResult(service.Name, service.ImageName, ServiceStatus.Failed, Error: Explain(e, service).Describe(), Duration: clock.Elapsed);
        }
    }

    private static IRunImageAssembler AssemblerFor(BuildContext context, ServiceLog log) =>
        context.RunImageAssembler == AssemblerKind.Engine
            ? new EngineAssembler(context.Provider!, context.Images!, context.Options.Assembler.Platform, log)
            : context.InProcess;

    /// <summary>The run image goes into the engine too, under every name it has in the store, so it runs there as it is.</summary>
    private static async Task PublishToEngineAsync(
        IContainerProvider provider, EngineImages images, TaggedImage image, IReadOnlyList<string> extraNames, AssemblerKind assembler, ServiceLog log, CancellationToken cancellationToken)
    {
        try
        {
            if (assembler == AssemblerKind.InProcess)
            {
                await images.LoadAsync(image, log.Engine, cancellationToken);
            }

            foreach (var name in extraNames)
            {
                await provider.TagImageAsync(image.Name, name, cancellationToken);
            }
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, null, log.Path);
        }
    }

    /// <summary>A run image that finds nothing in an empty bin is the build stage's fault: say so beside the Dockerfile's own error.</summary>
    private static UserError Explain(UserError error, Service service) =>
        error.File == service.DockerfilePath && (service.HasBuildDockerfile || service.HasBuildScript) && OutputFolder.IsEmpty(service.OutputFolder)
            ? new UserError($"{error.Message}; the build stage produced nothing in {Service.OutputFolderName}/", error.File, error.Line,
                $"the build stage must leave the binaries in {Service.OutputFolderName}/ ({(service.HasBuildDockerfile ? "the Dockerfile-build's CMD copies them to /build" : "01build.sh writes them to $BUILD_DIR")})", error)
            {
                Column = error.Column,
                Excerpt = error.Excerpt,
            }
            : error;

    /// <summary>The OCI version and revision labels, from VERSION and REVISION files the build step wrote.</summary>
    internal static Dictionary<string, string> VersionLabels(Service service)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var version = ReadFirstLine(Path.Combine(service.OutputFolder, VersionFile));
        if (version is not null)
        {
            labels["org.opencontainers.image.version"] = version;
        }

        var revision = ReadFirstLine(Path.Combine(service.OutputFolder, RevisionFile));
        if (revision is not null)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        return labels;
    }

    private static string? ReadFirstLine(string path) =>
        File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;

    /// <summary>What every service of one build shares.</summary>
    private sealed record BuildContext(
        Workspace Workspace, BuildOptions Options, OciLayoutStore Store, InProcessAssembler InProcess, IContainerProvider? Provider, EngineImages? Images, GitRevision Git)
    {
        public AssemblerKind RunImageAssembler => Options.RunImageAssembler;
    }
}

using System.Diagnostics;
using Cybernode.Build.Assembly;
using Cybernode.Build.Bases;
using Cybernode.Build.Caching;
using Cybernode.Build.Containers;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;
using Cybernode.Providers;
using Cybernode.Providers.Planning;

namespace Cybernode.Build;

/// <summary>
/// Builds the services of a workspace: makes the step graph, opens the store, picks the engine,
/// brings the bases, then lets the scheduler run the steps, each wrapped in the service's lock,
/// recording and the job limit. A failed step skips what needs it, not the rest.
/// </summary>
public sealed class BuildEngine(IBuildEvents events, RegistryBases? registry = null)
{
    public async Task<IReadOnlyList<ServiceResult>> BuildAsync(Workspace workspace, BuildOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var dockerfiles = new Dockerfiles(options.BuildArgs, options.Assembler.Platform);
        var graph = BuildGraphBuilder.Build(workspace, options, dockerfiles);
        events.Report(new BuildStarted([.. graph.Services.Select(s => s.Name)], graph.Steps.Count));
        using var store = await OciLayoutStore.OpenAsync(options.StorePath, cancellationToken);
        var provider = graph.UsesEngine ? await WorkspaceProviders.SelectAsync(workspace, options.Provider, cancellationToken) : null;
        var stats = StatCache.Load(Path.Combine(workspace.Root, ".cybernode"));
        var session = new BuildSession(workspace, options, dockerfiles, store, provider, null, events, stats);
        var (pinned, missing) = await new BasePreparation(session, registry).RunAsync(graph.Services, cancellationToken);
        if (missing.Count > 0)
        {
            return Finished(NotStarted(graph, missing), clock);
        }

        session = session with
        {
            Images = provider is null ? null : new EngineImages(provider, store, options.Assembler.Platform, BuildSession.ScratchFolderOf(workspace), pinned),
        };
        using var runs = new ServiceRuns(graph, session);
        using var jobs = new JobLimit(options.Jobs);
        var scheduler = new StepScheduler(events, id => new StepContext(id, events, runs.Runs[id.Service].LogPath));
        scheduler.Finished += runs.StepFinished;
        var cache = new StepCache(new OutputCache(store, stats), CachePolicy.For(workspace, options), workspace.Root);
        try
        {
            await scheduler.RunAsync(graph.ToStepGraph(spec => StepFor(spec, runs.Runs[spec.Id.Service]), Wrappers(cache, runs, jobs)), cancellationToken);
        }
        finally
        {
            await stats.SaveAsync(CancellationToken.None);
        }

        return Finished(runs.Results, clock);
    }

    /// <summary>
    /// What is put around every step, innermost first: the build cache (which skips a step whose inputs are unchanged), the recording of its start and outcome, the
    /// job limit, the service's lock and log (taken before a slot: see <see cref="ServiceLocking"/>).
    /// A wrapper that decides whether the step runs at all (a cache) goes first, so the recording
    /// sees what it decided and it runs holding a slot and the lock.
    /// </summary>
    private static IReadOnlyList<IStepWrapper> Wrappers(StepCache cache, ServiceRuns runs, JobLimit jobs) => [cache, new StepRecorder(), jobs, new ServiceLocking(runs.Runs)];

    private static IStep StepFor(StepSpec spec, ServiceRun run) => spec.Id.Kind switch
    {
        StepKind.BuildImage => new BuildImageStep(spec, run),
        StepKind.BuildRun => new BuildRunStep(spec, run),
        StepKind.HostScript => new HostScriptStep(spec, run),
        StepKind.RunImage => new RunImageStep(spec, run),
        StepKind.EngineLoad => new EngineLoadStep(spec, run),
        StepKind.Tag => new TagStep(spec, run),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Id.Kind, "no body for this kind of step"),
    };

    private IReadOnlyList<ServiceResult> Finished(IReadOnlyList<ServiceResult> results, Stopwatch clock)
    {
        events.Report(new BuildFinished(results, clock.Elapsed));
        return results;
    }

    /// <summary>
    /// The commands a build would run, in build order, with the same choices the build makes (an
    /// engine only when it needs one, store images loaded into it), and the bases it would miss;
    /// builds nothing and needs no engine.
    /// </summary>
    /// <param name="workingDirectory">Service folders under it are shown relative to it.</param>
    public static async Task<BuildPlan> PlanAsync(Workspace workspace, BuildOptions options, string workingDirectory, CancellationToken cancellationToken)
    {
        var dockerfiles = new Dockerfiles(options.BuildArgs, options.Assembler.Platform);
        var graph = BuildGraphBuilder.Build(workspace, options, dockerfiles);
        var services = graph.Services;
        var provider = graph.UsesEngine ? await WorkspaceProviders.ForPlanAsync(workspace, options.Provider, cancellationToken) : null;
        var store = Path.Exists(options.StorePath) ? OciLayoutStore.OpenExisting(options.StorePath) : null;
        var engine = provider is not null && (await provider.ProbeAsync(cancellationToken)).Usable ? provider : null;
        var uses = BaseUses.Find(workspace, options, dockerfiles, services);
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
                BuildCommand = service.HasBuildDockerfile ? BuildImageCommand.Read(dockerfiles.Parse(service.BuildDockerfilePath)) : null,
                HasBuildScript = service.HasBuildScript,
                BuildScriptCommand = service.HasBuildScript ? HostBuildStage.Command(service, $"./{Service.BuildScriptName}") : [],
                BuildBases = service.HasBuildDockerfile ? await StoredBasesAsync(workspace, store, dockerfiles.References(service.BuildDockerfilePath), pulled, loaded, cancellationToken) : [],
                RunBases = options.RunImageAssembler == AssemblerKind.Engine ? await StoredBasesAsync(workspace, store, dockerfiles.References(service.DockerfilePath), pulled, loaded, cancellationToken) : [],
                Store = Path.GetFullPath(options.StorePath),
                ScratchFolder = BuildSession.ScratchFolderOf(workspace),
                CacheVolumes = settings.Cache,
                RunImageInProcess = options.RunImageAssembler == AssemblerKind.InProcess,
                BuildArgs = options.BuildArgs,
                Secrets = options.Secrets,
                NoCache = options.NoCache,
                ExtraNames = options.ExtraNamesOf(workspace, service),
            };
            var commands = graph.StepsOf(service.Name).SelectMany(step => CommandsOf(step.Id.Kind, provider, planned, workingDirectory));
            plans.Add(new ServicePlan(service.Name, service.ImageName, [.. commands])
            {
                MissingBases = missing.GetValueOrDefault(service.Name) ?? [],
            });
        }

        return new BuildPlan(provider?.Name, plans) { Pulls = pulls };
    }

    /// <summary>What a step would run, as engine commands a user could type (the in-process run image and its load into the engine as one comment).</summary>
    private static IReadOnlyList<EngineCommand> CommandsOf(StepKind kind, IContainerProvider? provider, PlannedService service, string workingDirectory) => kind switch
    {
        StepKind.BuildImage => EngineCommandPlan.BuildImage(provider, service, workingDirectory),
        StepKind.BuildRun => EngineCommandPlan.BuildRun(provider, service),
        StepKind.HostScript => EngineCommandPlan.HostScript(service, workingDirectory),
        StepKind.RunImage => EngineCommandPlan.RunImage(provider, service, workingDirectory),
        StepKind.Tag => EngineCommandPlan.Tag(provider, service),
        _ => [],
    };

    /// <summary>
    /// The images of the store (or that the build pulls into it, <paramref name="pulled"/>) an
    /// engine's build of <paramref name="dockerfile"/> starts FROM, as <see cref="EngineImages.ProvideAsync"/>
    /// loads them; each once per build (<paramref name="loaded"/>), and never another service's
    /// image, which its own build puts into the engine.
    /// </summary>
    private static async Task<IReadOnlyList<string>> StoredBasesAsync(
        Workspace workspace, OciLayoutStore? store, IReadOnlyList<ImageMention> mentions, IReadOnlySet<string> pulled, HashSet<string> loaded, CancellationToken cancellationToken)
    {
        var stored = store is null ? [] : (await EngineImages.InStoreAsync(store, mentions, cancellationToken)).Select(s => s.Name);
        var services = DependencyFinder.ServiceImages(workspace);
        return [.. mentions.Select(m => m.Image.FamiliarName).Where(pulled.Contains).Concat(stored).Distinct(StringComparer.Ordinal).Where(n => !services.Contains(n) && loaded.Add(n))];
    }

    /// <summary>Every service as not started because bases are missing: those that miss one fail with each, the others are skipped.</summary>
    private List<ServiceResult> NotStarted(BuildGraph graph, IReadOnlyDictionary<string, IReadOnlyList<UserError>> missing)
    {
        var results = graph.Services.Select(s => missing.TryGetValue(s.Name, out var errors)
            ? new ServiceResult(s.Name, s.ImageName, ServiceStatus.Failed, Error: string.Join('\n', errors.Select(e => e.Describe())))
            : new ServiceResult(s.Name, s.ImageName, ServiceStatus.Skipped, Error: "not built: base images of other services are missing")).ToList();
        results.ForEach(r => events.Report(new ServiceFinished(r)));
        return results;
    }
}

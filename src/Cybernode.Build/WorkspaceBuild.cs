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
public sealed class WorkspaceBuild(IBuildEvents events, RegistryBases? registry = null)
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

using Cybernode.Build.Assembly;
using Cybernode.Build.Bases;
using Cybernode.Build.Containers;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Planning;
using Cybernode.Build.Steps;
using Cybernode.Build.Tagging;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;
using Cybernode.Providers;
using Cybernode.Providers.Planning;

namespace Cybernode.Build;

/// <summary>
/// <c>build --dry-run</c>: the build's own step graph (<see cref="BuildGraphBuilder"/>), each step
/// given as the engine commands it would run, service by service in build order.
/// </summary>
public static class WorkspaceDryRun
{
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
                // Templates are shown as written: their values come from the build stage's output.
                ExtraNames = [.. ServiceTags.Written(workspace, service, options.Tags).Select(service.TaggedName)],
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
}

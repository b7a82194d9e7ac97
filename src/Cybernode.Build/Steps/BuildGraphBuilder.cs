using Cybernode.Build.Assembly;
using Cybernode.Build.Planning;
using Cybernode.Build.Tagging;
using Cybernode.Build.Workspaces;
using Cybernode.Providers.Selection;

namespace Cybernode.Build.Steps;

/// <summary>
/// Makes the <see cref="BuildGraph"/> of a build: per service a chain of steps (build image and
/// build run, or host script; run image; engine load; tag), and between services only the needs
/// their Dockerfiles name. A run image needs the images its Dockerfile starts FROM (or COPY
/// --from); a build image those its Dockerfile-build names; a service's first step the services
/// cybernode.yaml's <c>build_after:</c> names. So a service's build stage runs while the service
/// its run image starts FROM is still being built.
/// </summary>
public static class BuildGraphBuilder
{
    /// <exception cref="UserError">an unknown service, --target with other than one service, a bad --tag, a Dockerfile that does not parse, or services that need each other.</exception>
    public static BuildGraph Build(Workspace workspace, BuildOptions options, Dockerfiles dockerfiles)
    {
        CheckOptions(workspace, options);
        var dependencies = DependencyFinder.Find(workspace, dockerfiles);
        var wanted = options.Services.Count == 0 ? workspace.Services.Select(s => s.Name) : options.Services.Select(s => workspace.FindService(s)!.Name);
        var order = BuildOrder.Resolve([.. workspace.Services.Select(s => s.Name)], dependencies, wanted).Select(n => workspace.FindService(n)!).ToList();
        var usesEngine = options.Provider != ProviderSelector.Auto || options.RunImageAssembler == AssemblerKind.Engine || order.Any(s => s.HasBuildDockerfile);
        var loadsIntoEngine = usesEngine && options.RunImageAssembler == AssemblerKind.InProcess;

        // Where a service's image is once it can be built on: in the engine after its load, in the store after its run image.
        StepId InEngine(string service) => new(service, loadsIntoEngine ? StepKind.EngineLoad : StepKind.RunImage);
        StepId ForRunImage(string service) => options.RunImageAssembler == AssemblerKind.Engine ? InEngine(service) : new(service, StepKind.RunImage);

        var steps = new List<StepSpec>();
        foreach (var service in order)
        {
            var needs = dependencies.Where(d => d.Service == service.Name && d.DependsOn != service.Name).ToList();
            var fromBuild = needs.Where(d => d.Kind != DependencyKind.BuildAfter && d.File == service.BuildDockerfilePath).Select(d => InEngine(d.DependsOn));
            var fromRun = needs.Where(d => d.Kind != DependencyKind.BuildAfter && d.File != service.BuildDockerfilePath).Select(d => ForRunImage(d.DependsOn));

            // build_after: says the whole build comes after the other's, as its files cannot show what it reads of it.
            IEnumerable<StepId> after = [.. needs.Where(d => d.Kind == DependencyKind.BuildAfter).Select(d => ForRunImage(d.DependsOn))];
            var chain = new List<StepSpec>();
            void Add(StepKind kind, IEnumerable<StepId> others) =>
                chain.Add(new StepSpec(new StepId(service.Name, kind), [.. (chain.Count == 0 ? after : [chain[^1].Id]).Concat(others).Distinct()]));

            if (service.HasBuildDockerfile)
            {
                Add(StepKind.BuildImage, fromBuild);
                Add(StepKind.BuildRun, []);
            }
            else if (service.HasBuildScript)
            {
                Add(StepKind.HostScript, []);
            }

            Add(StepKind.RunImage, fromRun);
            if (loadsIntoEngine)
            {
                Add(StepKind.EngineLoad, []);
            }

            if (ServiceTags.Written(workspace, service, options.Tags).Count > 0)
            {
                Add(StepKind.Tag, []);
            }

            steps.AddRange(chain);
        }

        return new BuildGraph(order, steps, usesEngine);
    }

    private static void CheckOptions(Workspace workspace, BuildOptions options)
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
    }
}

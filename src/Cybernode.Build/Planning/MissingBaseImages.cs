using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;
using Cybernode.Providers;

namespace Cybernode.Build.Planning;

/// <summary>
/// Finds, before anything builds, every image the services' Dockerfiles start FROM (or COPY
/// --from) that is neither a service of the workspace nor where the build will look for it: the
/// store for the in-process assembler, the store or the engine for what an engine builds (the
/// build loads stored images into the engine). No registry is used, so a remote image is missing
/// until it is imported or pulled. One error per Dockerfile line, naming the command that provides it.
/// </summary>
public sealed class MissingBaseImages(Workspace workspace, BuildOptions options, IImageStore? store, IContainerProvider? engine)
{
    private readonly Dictionary<string, bool> _found = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = DependencyFinder.ServiceImages(workspace);

    /// <summary>The missing bases of each service that has any, in build order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<UserError>>> FindAsync(IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, IReadOnlyList<UserError>>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var errors = new List<UserError>();
            if (service.HasBuildDockerfile)
            {
                errors.AddRange(await CheckAsync(service.BuildDockerfilePath, null, inEngine: true, cancellationToken));
            }

            errors.AddRange(await CheckAsync(service.DockerfilePath, BuildEngine.TargetOf(workspace, service, options), options.RunImageAssembler == AssemblerKind.Engine, cancellationToken));
            if (errors.Count > 0)
            {
                missing[service.Name] = errors;
            }
        }

        return missing;
    }

    private async Task<List<UserError>> CheckAsync(string dockerfile, string? target, bool inEngine, CancellationToken cancellationToken)
    {
        var errors = new List<UserError>();
        foreach (var mention in DockerfileReferences.FindUsed(dockerfile, options.BuildArgs, options.Assembler.Platform, target))
        {
            var name = mention.Image.FamiliarName;
            if (!_services.Contains(name) && !await InStoreAsync(name, cancellationToken) && !(inEngine && await InEngineAsync(name, cancellationToken)))
            {
                errors.Add(Missing(mention, inEngine));
            }
        }

        return errors;
    }

    private UserError Missing(ImageMention mention, bool inEngine)
    {
        var name = mention.Image.FamiliarName;
        var import = $"cybernode import docker-archive:FILE {name} (or oci:DIR, oci-archive:FILE)";
        var where = store?.Location ?? options.StorePath;
        return inEngine && engine is not null
            ? new UserError($"base image '{name}' is in neither the store ({where}) nor {engine.Name}", mention.File, mention.Line,
                $"{engine.Name} pull {name} (where a registry is reachable), or {import}")
            : new UserError($"base image '{name}' is not in the store ({where})", mention.File, mention.Line,
                $"{import}; registries are not used");
    }

    private async Task<bool> InStoreAsync(string name, CancellationToken cancellationToken) =>
        store is not null && await AskOnceAsync("store " + name, async () => await ImageReader.FindAsync(store, name, cancellationToken) is not null);

    private async Task<bool> InEngineAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return engine is not null && await AskOnceAsync("engine " + name, async () => await engine.ImageIdAsync(name, cancellationToken) is not null);
        }
        catch (ProviderException e)
        {
            throw new UserError(e.Message, hint: e.Hint, inner: e);
        }
    }

    private async Task<bool> AskOnceAsync(string question, Func<Task<bool>> ask)
    {
        if (!_found.TryGetValue(question, out var answer))
        {
            _found[question] = answer = await ask();
        }

        return answer;
    }
}

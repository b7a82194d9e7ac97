using Cybernode.Oci.Store;
using Cybernode.Providers;

namespace Cybernode.Build.Planning;

/// <summary>
/// Finds, before anything builds, every image the services' Dockerfiles start FROM (or COPY
/// --from) that is neither a service of the workspace nor where the build will look for it: the
/// store for the in-process assembler, the store or the engine for what an engine builds (the
/// build loads stored images into the engine). Runs after the remote bases were pulled
/// (<see cref="Bases.BaseResolver"/>), so what it finds missing is what no pull brought (--pull never).
/// One error per Dockerfile line, naming the command that provides it.
/// </summary>
public sealed class MissingBaseImages(BuildOptions options, IImageStore? store, IContainerProvider? engine)
{
    private readonly Dictionary<string, bool> _found = new(StringComparer.Ordinal);

    /// <summary>The missing bases of each service that has any, in build order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<UserError>>> FindAsync(IReadOnlyList<BaseUse> uses, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, List<UserError>>(StringComparer.Ordinal);
        foreach (var use in uses)
        {
            if (!await IsPresentAsync(use.Mention.Image.FamiliarName, use.InEngine, cancellationToken))
            {
                (missing.TryGetValue(use.Service, out var errors) ? errors : missing[use.Service] = []).Add(Missing(use.Mention, use.InEngine));
            }
        }

        return missing.ToDictionary(m => m.Key, m => (IReadOnlyList<UserError>)m.Value, StringComparer.Ordinal);
    }

    /// <summary>Whether the build finds the image named so: in the store, or for what an engine builds also in the engine.</summary>
    public async Task<bool> IsPresentAsync(string name, bool inEngine, CancellationToken cancellationToken) =>
        await InStoreAsync(name, cancellationToken) || (inEngine && await InEngineAsync(name, cancellationToken));

    private UserError Missing(ImageMention mention, bool inEngine)
    {
        var name = mention.Image.FamiliarName;
        var import = $"cybernode import docker-archive:FILE {name} (or oci:DIR, oci-archive:FILE)";
        var where = store?.Location ?? options.StorePath;
        return inEngine && engine is not null
            ? new UserError($"base image '{name}' is in neither the store ({where}) nor {engine.Name}", mention.File, mention.Line,
                $"build without --pull never to pull it from its registry, or {import}")
            : new UserError($"base image '{name}' is not in the store ({where})", mention.File, mention.Line,
                $"{import}, or build without --pull never to pull it from its registry");
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

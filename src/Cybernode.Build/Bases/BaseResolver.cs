using Cybernode.Build.Planning;
using Cybernode.Oci;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Build.Bases;

/// <summary>
/// Brings every remote base a build needs into the store under the name its Dockerfile gives, at
/// the digest <see cref="PullPolicy"/> and cybernode.lock choose, before anything builds:
/// <list type="bullet">
/// <item>missing (default): the locked digest when the store holds it (no network); a base the
/// store (or the engine, for what an engine builds) has under its name and the lock does not
/// list is used as it is (the <c>cybernode import</c> workflow); else the tag is resolved and pulled;</item>
/// <item>always: the tag is resolved again, pulled when the store lacks it, and a move is reported;</item>
/// <item>never: nothing here; <see cref="MissingBaseImages"/> reports what the store lacks.</item>
/// </list>
/// What was resolved is written to the lock; a base that cannot be had fails its services with its Dockerfile line.
/// </summary>
public sealed class BaseResolver(string workspaceRoot, OciLayoutStore? store, RegistryBases? registry, PullPolicy policy, MissingBaseImages present)
{
    /// <summary>What would happen, with no network and no change to the store or the lock (for --dry-run).</summary>
    public async Task<IReadOnlyList<BaseStep>> PlanAsync(IReadOnlyList<BaseUse> uses, CancellationToken cancellationToken)
    {
        var baseLock = BaseLockFile.Read(workspaceRoot);
        var steps = new List<BaseStep>();
        foreach (var group in Remote(uses))
        {
            steps.Add(await DecideAsync(group.Key, [.. group], baseLock, cancellationToken));
        }

        return steps;
    }

    /// <summary>
    /// Resolves and pulls what the plan says, names each base in the store, and writes the lock
    /// (unless a base failed); returns what was done, and for each service the bases it could not have.
    /// </summary>
    /// <param name="prune">Drop the lock's lines for bases that <paramref name="uses"/> no longer name (a full <c>cybernode update</c>).</param>
    public async Task<BaseResolution> ResolveAsync(IReadOnlyList<BaseUse> uses, Action<string, string> tell, CancellationToken cancellationToken, bool prune = false)
    {
        var failures = new Dictionary<string, List<UserError>>(StringComparer.Ordinal);
        var locked = new List<BaseLockChange>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var steps = await PlanAsync(uses, cancellationToken);
        foreach (var step in steps)
        {
            try
            {
                if (await RunAsync(step, tell, cancellationToken) is not { } digest)
                {
                    continue;
                }

                named.Add(step.Image.FamiliarName);
                if (step.Image.Digest is null)
                {
                    locked.Add(new BaseLockChange(step.Key, step.Locked, digest));
                }
            }
            catch (BasePullException e)
            {
                foreach (var use in step.Uses)
                {
                    (failures.TryGetValue(use.Service, out var list) ? list : failures[use.Service] = []).Add(CannotPull(use.Mention, e));
                }
            }
        }

        if (failures.Count == 0)
        {
            var kept = steps.Select(s => s.Key).ToHashSet();
            var lines = locked.Select(c => new LockedBase(c.Base.Reference, c.Base.Platform, c.New!)).ToList();
            var before = BaseLockFile.Read(workspaceRoot);
            await BaseLockFile.UpdateAsync(workspaceRoot, l => (prune ? l.Where(e => kept.Contains(e.Key)) : l).With(lines), cancellationToken);
            locked.AddRange(prune ? before.Entries.Where(e => !kept.Contains(e.Key)).Select(e => new BaseLockChange(e.Key, e.Digest, null)) : []);
        }

        return new BaseResolution(failures.ToDictionary(f => f.Key, f => (IReadOnlyList<UserError>)f.Value, StringComparer.Ordinal), locked, named);
    }

    private static UserError CannotPull(ImageMention mention, BasePullException e) =>
        new($"base image '{mention.Image.FamiliarName}' cannot be pulled: {e.Message}", mention.File, mention.Line,
            $"{(e.Hint.EndsWith('.') || e.Hint.EndsWith('?') ? e.Hint : e.Hint + ".")} A base locked in {BaseLock.FileName} and held in the store needs no registry (or cybernode import it and build with --pull never)");

    private async Task<BaseStep> DecideAsync(BaseKey key, BaseUse[] uses, BaseLock baseLock, CancellationToken cancellationToken)
    {
        var image = uses[0].Mention.Image;
        var locked = baseLock.Find(key)?.Digest;
        if (image.Digest is { } pinned)
        {
            return new BaseStep(key, image, uses, null, await InStoreAsync(pinned, cancellationToken) ? BaseAction.UseStored : BaseAction.PullDigest, pinned);
        }

        if (policy == PullPolicy.Always)
        {
            return new BaseStep(key, image, uses, locked, BaseAction.Resolve, null);
        }

        if (locked is not null)
        {
            return new BaseStep(key, image, uses, locked, await InStoreAsync(locked, cancellationToken) ? BaseAction.UseStored : BaseAction.PullDigest, locked);
        }

        var here = await present.IsPresentAsync(image.FamiliarName, uses.All(u => u.InEngine), cancellationToken);
        return new BaseStep(key, image, uses, null, here ? BaseAction.None : BaseAction.Resolve, null);
    }

    /// <summary>Carries out one step; the digest the base's name now has in the store, or null when it was left as it is.</summary>
    private async Task<Digest?> RunAsync(BaseStep step, Action<string, string> tell, CancellationToken cancellationToken)
    {
        var service = step.Uses[0].Service;
        var digest = step.Digest;
        switch (step.Action)
        {
            case BaseAction.None:
                return null;
            case BaseAction.Resolve:
                digest = await Registry.ResolveAsync(step.Image, step.Key.Platform, cancellationToken);
                break;
        }

        if (!await InStoreAsync(digest!, cancellationToken))
        {
            tell(service, $"pulling {step.Key} {digest} from {step.Image.Registry}");
            await Registry.PullAsync(step.Image, digest!, step.Key.Platform, Store, cancellationToken);
        }

        await NameAsync(step.Image.FamiliarName, digest!, cancellationToken);
        return digest;
    }

    private RegistryBases Registry => registry ?? throw new InvalidOperationException("a remote base needs the registry, which --pull never leaves out");

    private OciLayoutStore Store => store ?? throw new InvalidOperationException("pulling needs the store open for writing");

    /// <summary>Names the stored manifest <paramref name="digest"/> <paramref name="name"/>, unless that name already has it.</summary>
    private async Task NameAsync(string name, Digest digest, CancellationToken cancellationToken)
    {
        if ((await Store.ListAsync(cancellationToken)).Any(i => i.Name == name && i.Manifest.Digest == digest))
        {
            return;
        }

        // Only the digest is known here (the lock holds nothing more): size and media type come from the stored bytes.
        var size = new FileInfo(Store.BlobPath(digest)).Length;
        var stored = new Descriptor(MediaTypes.ImageManifest, digest, size);
        var manifest = OciJson.Deserialize<ImageManifest>(await ImageGraph.ReadDocumentAsync(new StoreImageSource(Store), stored, cancellationToken), $"manifest {digest}");
        await Store.TagAsync(name, new Descriptor(manifest.MediaType, digest, size), cancellationToken);
    }

    private async Task<bool> InStoreAsync(Digest digest, CancellationToken cancellationToken) =>
        store is not null && await store.ContainsAsync(digest, cancellationToken);

    private static IEnumerable<IGrouping<BaseKey, BaseUse>> Remote(IReadOnlyList<BaseUse> uses) =>
        uses.GroupBy(u => new BaseKey(u.Mention.Image.FamiliarName, u.Mention.Platform));
}

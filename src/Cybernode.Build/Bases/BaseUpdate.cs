using Cybernode.Build.Planning;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Bases;

/// <summary>
/// <c>cybernode update [REF...]</c>: resolves the workspace's remote bases again (all, or those
/// named), pulls what moved into the store, and rewrites cybernode.lock; with no REF, lines of
/// bases no Dockerfile names any more are dropped.
/// </summary>
public static class BaseUpdate
{
    public static async Task<BaseResolution> RunAsync(
        Workspace workspace, BuildOptions options, IReadOnlyList<string> references, RegistryBases registry, Action<string, string> tell, CancellationToken cancellationToken)
    {
        var uses = BaseUses.Find(workspace, options, new Dockerfiles(options.BuildArgs, options.Assembler.Platform), workspace.Services);
        var picked = uses.Where(u => u.Mention.Image.Digest is null).ToList();
        if (references.Count > 0)
        {
            var names = references.Select(r => Named(r, picked)).ToHashSet(StringComparer.Ordinal);
            picked = [.. picked.Where(u => names.Contains(u.Mention.Image.FamiliarName))];
        }

        using var store = await OciLayoutStore.OpenAsync(options.StorePath, cancellationToken);
        var resolver = new BaseResolver(workspace.Root, store, registry, PullPolicy.Always, new MissingBaseImages(options, store, null));
        return await resolver.ResolveAsync(picked, tell, cancellationToken, prune: references.Count == 0);
    }

    /// <summary>The familiar name of a REF the user gave, which must be a remote base of the workspace.</summary>
    private static string Named(string reference, IReadOnlyList<BaseUse> uses)
    {
        var known = uses.Select(u => u.Mention.Image.FamiliarName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var hint = known.Count == 0 ? "no Dockerfile of the workspace starts FROM a remote image" : $"its remote bases: {string.Join(", ", known)}";
        if (!ImageReference.TryParse(reference, out var parsed, out var problem))
        {
            throw new UserError($"'{reference}' is not an image reference: {problem}", hint: hint);
        }

        return known.Contains(parsed.FamiliarName)
            ? parsed.FamiliarName
            : throw new UserError($"'{reference}' is not a remote base of this workspace", hint: hint);
    }
}

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// Removes what nothing reaches: blobs no root leads to, and temp files no live writer holds.
/// </summary>
/// <remarks>
/// The rule that keeps gc from removing a blob a build is about to name: gc runs only on a store
/// opened for maintenance, which waits until no writing session is open (every build, import and
/// oci export holds one from opening the store until it ends, see <see cref="OciLayoutStore"/>) and
/// keeps new ones out until gc is done. Roots are every entry of index.json, named or not, plus
/// any extra roots the caller passes (e.g. build outputs a workspace keeps). gc removes nothing
/// from a store whose references are broken: a manifest it cannot read would hide the blobs it
/// keeps alive.
/// </remarks>
public static class StoreCollector
{
    /// <param name="removedNames">Names whose entries count as gone: a dry run of a command that would remove them first (prune).</param>
    public static async Task<StoreCollection> CollectAsync(
        OciLayoutStore maintenanceStore, IEnumerable<(string Label, Descriptor Root)> extraRoots, bool dryRun, CancellationToken cancellationToken,
        IReadOnlySet<string>? removedNames = null)
    {
        var roots = (await StoreGraph.IndexRootsAsync(maintenanceStore, cancellationToken))
            .Where(root => removedNames is null || root.Root.Annotation(OciLayoutStore.RefNameAnnotation) is not { } name || !removedNames.Contains(name))
            .Concat(extraRoots);
        var graph = await StoreGraph.WalkAsync(maintenanceStore, roots, cancellationToken);
        if (graph.Problems.Count > 0)
        {
            throw new OciFormatException(
                $"{maintenanceStore.Location} is damaged ({graph.Problems[0]}{(graph.Problems.Count > 1 ? $", and {graph.Problems.Count - 1} more" : "")}); gc removes nothing from a damaged store: see cybernode store verify");
        }

        var unreferenced = StoreContents.Read(maintenanceStore).Blobs.Where(b => !graph.Reached.ContainsKey(b.Digest)).ToList();
        if (!dryRun)
        {
            foreach (var blob in unreferenced)
            {
                File.Delete(blob.Path);
            }
        }

        // No writer is open (the maintenance lock excludes them), so every unlocked temp file is stale.
        var temps = TempFiles.RemoveStale(maintenanceStore.Location, DateTime.MaxValue, dryRun);
        return new StoreCollection(maintenanceStore.Location, dryRun, unreferenced, temps);
    }
}

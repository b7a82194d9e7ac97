using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// Where a store's bytes go (<c>cybernode du</c>): per image, what other roots (unnamed index
/// entries such as build-output trees) keep besides, and what nothing reaches. The parts add up
/// to <see cref="TotalBytes"/>, the size of every blob file.
/// </summary>
public sealed record StoreUsage(
    string Location, IReadOnlyList<ImageUsage> Images, long ImageBytes, long OtherRootBytes, long UnreferencedBytes, long TotalBytes, int Blobs)
{
    public static async Task<StoreUsage> MeasureAsync(OciLayoutStore store, CancellationToken cancellationToken)
    {
        var roots = await StoreGraph.IndexRootsAsync(store, cancellationToken);
        var named = roots.Where(r => r.Root.Annotation(OciLayoutStore.RefNameAnnotation) is not null)
            .GroupBy(r => r.Root.Digest)
            .ToList();
        var reachedBy = new List<(Digest Manifest, IReadOnlyList<string> Names, IReadOnlyDictionary<Digest, long> Blobs)>();
        foreach (var image in named)
        {
            var graph = Checked(store, await StoreGraph.WalkAsync(store, [image.First()], cancellationToken));
            reachedBy.Add((image.Key, [.. image.Select(r => r.Label).Order(StringComparer.Ordinal)], graph.Reached));
        }

        var users = reachedBy.SelectMany(r => r.Blobs.Keys).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var images = reachedBy
            .Select(r => new ImageUsage(
                r.Manifest, r.Names, r.Blobs.Values.Sum(), r.Blobs.Where(b => users[b.Key] > 1).Sum(b => b.Value), r.Blobs.Where(b => users[b.Key] == 1).Sum(b => b.Value)))
            .OrderBy(i => i.Names[0], StringComparer.Ordinal)
            .ToList();
        var imageBlobs = reachedBy.SelectMany(r => r.Blobs).DistinctBy(b => b.Key).ToDictionary(b => b.Key, b => b.Value);
        var all = Checked(store, await StoreGraph.WalkAsync(store, roots, cancellationToken));
        var files = StoreContents.Read(store).Blobs;
        return new StoreUsage(
            store.Location,
            images,
            imageBlobs.Values.Sum(),
            all.Reached.Where(b => !imageBlobs.ContainsKey(b.Key)).Sum(b => b.Value),
            files.Where(b => !all.Reached.ContainsKey(b.Digest)).Sum(b => b.Size),
            files.Sum(b => b.Size),
            files.Count);
    }

    private static StoreGraph Checked(OciLayoutStore store, StoreGraph graph) =>
        graph.Problems.Count == 0
            ? graph
            : throw new OciFormatException($"{store.Location} is damaged ({graph.Problems[0]}); see cybernode store verify");
}

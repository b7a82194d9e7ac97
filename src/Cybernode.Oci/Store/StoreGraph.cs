using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// What a store's roots reach: from each root (an index.json entry, or any extra root a caller
/// adds) down through indexes and manifests to configs and layers. Every reached blob must be
/// present with its descriptor's size, and every document must read back with its digest; what
/// does not is a problem, reported and never guessed around.
/// </summary>
public sealed class StoreGraph
{
    private readonly Dictionary<Digest, long> _reached = [];
    private readonly List<string> _problems = [];

    private StoreGraph()
    {
    }

    public IReadOnlyDictionary<Digest, long> Reached => _reached;

    public IReadOnlyList<string> Problems => _problems;

    /// <param name="roots">Each root with a label for messages (e.g. the image name).</param>
    public static async Task<StoreGraph> WalkAsync(OciLayoutStore store, IEnumerable<(string Label, Descriptor Root)> roots, CancellationToken cancellationToken)
    {
        var graph = new StoreGraph();
        foreach (var (label, root) in roots)
        {
            await graph.VisitAsync(store, label, root, cancellationToken);
        }

        return graph;
    }

    /// <summary>The entries of index.json, labelled by name (or by position when unnamed).</summary>
    public static async Task<IReadOnlyList<(string Label, Descriptor Root)>> IndexRootsAsync(OciLayoutStore store, CancellationToken cancellationToken) =>
        (await store.RootsAsync(cancellationToken))
            .Select((root, i) => (root.Annotation(OciLayoutStore.RefNameAnnotation) ?? $"{OciLayoutStore.IndexFile} entry {i}", root))
            .ToList();

    private async Task VisitAsync(OciLayoutStore store, string label, Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (_reached.ContainsKey(descriptor.Digest))
        {
            return;
        }

        _reached[descriptor.Digest] = descriptor.Size;
        var path = store.BlobPath(descriptor.Digest);
        var kind = RegularFile.KindOf(path, followLinks: false);
        if (kind != FileKind.Regular)
        {
            _problems.Add($"{label}: {descriptor.MediaType} {descriptor.Digest} is {(kind == FileKind.Missing ? "missing" : RegularFile.Describe(kind))}");
            return;
        }

        var size = new FileInfo(path).Length;
        if (size != descriptor.Size)
        {
            _problems.Add($"{label}: {descriptor.MediaType} {descriptor.Digest} has {size} bytes, its descriptor says {descriptor.Size}");
            return;
        }

        try
        {
            if (MediaTypes.IsIndex(descriptor.MediaType))
            {
                var index = await store.ReadJsonAsync<ImageIndex>(descriptor, cancellationToken);
                foreach (var child in index.Manifests)
                {
                    await VisitAsync(store, label, child, cancellationToken);
                }
            }
            else if (MediaTypes.IsManifest(descriptor.MediaType))
            {
                var manifest = await store.ReadJsonAsync<ImageManifest>(descriptor, cancellationToken);
                foreach (var child in manifest.Layers.Prepend(manifest.Config))
                {
                    await VisitAsync(store, label, child, cancellationToken);
                }
            }
        }
        catch (OciFormatException e)
        {
            _problems.Add($"{label}: {e.Message}");
        }
    }
}

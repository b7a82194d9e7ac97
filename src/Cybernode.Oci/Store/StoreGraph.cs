using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Model;
using Cybernode.Oci.Transports;

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
    private readonly HashSet<Digest> _seen = [];

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

    private async Task VisitAsync(OciLayoutStore store, string label, Descriptor root, CancellationToken cancellationToken)
    {
        await foreach (var node in ImageGraph.WalkAsync(new StoredFiles(store), root, _seen, cancellationToken))
        {
            _reached[node.Descriptor.Digest] = node.Descriptor.Size;
            // A root may be any blob (a cache tree, an artifact): what is not a document only has to be there whole.
            var problem = node.Kind is GraphNodeKind.Layer or GraphNodeKind.Unknown ? StoredFiles.ProblemOf(store, node.Descriptor) : node.Problem;
            if (problem is not null)
            {
                _problems.Add($"{label}: {problem}");
            }
        }
    }

    /// <summary>
    /// The store's blobs as verification sees them: a blob is there only as a regular file of its
    /// descriptor's size; a link, a folder or a FIFO under blobs/ is damage, never followed.
    /// </summary>
    private sealed class StoredFiles(OciLayoutStore store) : IBlobSource
    {
        public string Location => store.Location;

        public static string? ProblemOf(OciLayoutStore store, Descriptor descriptor)
        {
            var path = store.BlobPath(descriptor.Digest);
            var kind = RegularFile.KindOf(path, followLinks: false);
            if (kind != FileKind.Regular)
            {
                return $"{descriptor.MediaType} {descriptor.Digest} is {(kind == FileKind.Missing ? "missing" : RegularFile.Describe(kind))}";
            }

            var size = new FileInfo(path).Length;
            return size == descriptor.Size ? null : $"{descriptor.MediaType} {descriptor.Digest} has {size} bytes, its descriptor says {descriptor.Size}";
        }

        public async Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken) =>
            ProblemOf(store, descriptor) is { } problem
                ? throw new OciFormatException(problem)
                : await new StoreImageSource(store).OpenBlobAsync(descriptor, cancellationToken);
    }
}

using System.Collections.Concurrent;
using Cybernode.Oci.Model;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Registry;

/// <summary>
/// Pushes one image to one repository in three steps that a caller may spread over many images
/// (all-or-nothing publishing): <see cref="PushBlobsAsync"/> (every config and layer, each checked by
/// HEAD, mounted from another repository of the registry where it is known, else uploaded),
/// <see cref="PutManifestsAsync"/> (manifests by digest, an index's children first, with the source's
/// exact bytes, so the registry's digest is the store's), and <see cref="PutTagAsync"/> (the tag moves
/// last). Blobs are shared through the registry's <see cref="BlobLedger"/>: each goes up once per run.
/// </summary>
public sealed class ImagePush
{
    private readonly RegistryClient client;
    private readonly IImageSource source;
    private readonly IReadOnlyList<ImageGraph.GraphBlob> graph;

    private ImagePush(RegistryClient client, IImageSource source, Descriptor root, ImageReference target, IReadOnlyList<ImageGraph.GraphBlob> graph)
    {
        this.client = client;
        this.source = source;
        this.graph = graph;
        Root = root;
        Target = target;
    }

    /// <summary>The manifest or index pushed: its digest is the one the registry will serve.</summary>
    public Descriptor Root { get; }

    public ImageReference Target { get; }

    /// <summary>Reads the image's graph from <paramref name="source"/> (its JSON documents only) and prepares the push.</summary>
    public static async Task<ImagePush> PrepareAsync(Registries registries, IImageSource source, Descriptor root, ImageReference target, CancellationToken cancellationToken)
    {
        var graph = await ImageGraph.CollectAsync(source, root, cancellationToken);
        return new ImagePush(registries.For(target.Registry ?? RegistryEndpoint.DockerHub), source, root, target, graph);
    }

    /// <summary>All three steps: blobs, manifests by digest, then the tag (if the target names one).</summary>
    public async Task<BlobCounts> PushAsync(CancellationToken cancellationToken)
    {
        var counts = await PushBlobsAsync(cancellationToken);
        await PutManifestsAsync(cancellationToken);
        await PutTagAsync(cancellationToken);
        return counts;
    }

    /// <summary>Step (a): every config and layer into the target repository; no manifest, no tag.</summary>
    public async Task<BlobCounts> PushBlobsAsync(CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<BlobCounts>();
        await Parallel.ForEachAsync(
            graph.Where(blob => !IsManifest(blob.Descriptor)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(client.Options.MaxParallelRequests, 1), CancellationToken = cancellationToken },
            async (blob, token) => results.Add(await PushBlobAsync(blob, token)));
        return results.Aggregate(BlobCounts.None, (sum, one) => sum + one);
    }

    /// <summary>Step (b): each manifest and index by digest, children before the index naming them. Moves no tag.</summary>
    public async Task PutManifestsAsync(CancellationToken cancellationToken)
    {
        foreach (var blob in graph.Where(blob => IsManifest(blob.Descriptor)))
        {
            await client.PutManifestAsync(Target.Repository, blob.Descriptor.Digest.ToString(), blob.Descriptor.MediaType, blob.Document, cancellationToken);
        }
    }

    /// <summary>Step (c): points the target's tag at the root. Nothing to do when the target names only a digest.</summary>
    public async Task PutTagAsync(CancellationToken cancellationToken)
    {
        if (Target.Tag is null && Target.Digest is not null)
        {
            return;
        }

        var document = graph.Single(blob => blob.Descriptor.Digest == Root.Digest).Document!;
        await client.PutManifestAsync(Target.Repository, Target.Tag ?? ImageReference.DefaultTag, Root.MediaType, document, cancellationToken);
    }

    private static bool IsManifest(Descriptor descriptor) => MediaTypes.IsManifest(descriptor.MediaType) || MediaTypes.IsIndex(descriptor.MediaType);

    private async Task<BlobCounts> PushBlobAsync(ImageGraph.GraphBlob blob, CancellationToken cancellationToken)
    {
        var repository = Target.Repository;
        var descriptor = blob.Descriptor;
        var ledger = client.Ledger;
        using var turn = await ledger.TurnAsync(descriptor.Digest, cancellationToken);
        if (ledger.IsDone(repository, descriptor.Digest) || await client.HeadBlobAsync(repository, descriptor.Digest, cancellationToken) == descriptor.Size)
        {
            ledger.MarkDone(repository, descriptor.Digest);
            return new BlobCounts(0, 1, 0, 0);
        }

        foreach (var from in ledger.RepositoriesWith(descriptor.Digest, repository))
        {
            if (await client.MountBlobAsync(repository, descriptor.Digest, from, cancellationToken))
            {
                ledger.MarkDone(repository, descriptor.Digest);
                return new BlobCounts(0, 0, 1, 0);
            }
        }

        await client.UploadBlobAsync(repository, descriptor, token => Open(blob, token), cancellationToken);
        ledger.MarkDone(repository, descriptor.Digest);
        return new BlobCounts(1, 0, 0, descriptor.Size);
    }

    private Task<Stream> Open(ImageGraph.GraphBlob blob, CancellationToken cancellationToken) =>
        blob.Document is null
            ? source.OpenBlobAsync(blob.Descriptor, cancellationToken)
            : Task.FromResult<Stream>(new MemoryStream(blob.Document, writable: false));
}

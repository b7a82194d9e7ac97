using Cybernode.Oci.Store;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Assembles run images without any container engine: plan everything (so bad input fails before
/// the store is touched), skip the work when nothing changed, else write.
/// </summary>
public sealed class InProcessAssembler(IImageStore store, AssemblerOptions options) : IRunImageAssembler
{
    public Task<AssembledImage> AssembleAsync(AssemblyRequest request, CancellationToken cancellationToken) =>
        WithScratchAsync(async scratch =>
        {
            var (draft, key, cached) = await PlanAsync(request, scratch, cancellationToken);
            if (cached is not null)
            {
                return new AssembledImage(request.ImageName, cached.Manifest, FromCache: true);
            }

            var manifest = await new ImageWriter(store, options).WriteAsync(draft, request.ImageName, request.ExtraLabels, key, cancellationToken);
            return new AssembledImage(request.ImageName, manifest, FromCache: false);
        });

    /// <summary>Whether the store's image of that name is what assembling would make now (a build would report it cached); writes nothing.</summary>
    public Task<bool> IsUpToDateAsync(AssemblyRequest request, CancellationToken cancellationToken) =>
        WithScratchAsync(async scratch => (await PlanAsync(request, scratch, cancellationToken)).Cached is not null);

    private async Task<(ImageDraft Draft, string Key, TaggedImage? Cached)> PlanAsync(AssemblyRequest request, string scratch, CancellationToken cancellationToken)
    {
        var draft = await new DockerfilePlanner(store, options).PlanAsync(request, scratch, cancellationToken);
        var key = await BuildCacheKey.ComputeAsync(draft, request, options, cancellationToken);
        var previous = await ImageReader.FindAsync(store, request.ImageName, cancellationToken);
        var cached = previous is not null && previous.Manifest.Annotation(BuildCacheKey.Annotation) == key && await store.ContainsAsync(previous.Manifest.Digest, cancellationToken)
            ? previous
            : null;
        return (draft, key, cached);
    }

    private static async Task<T> WithScratchAsync<T>(Func<string, Task<T>> work)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "cybernode-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await work(scratch);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}

using Cybernode.Oci.Store;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Assembles run images without any container engine: plan everything (so bad input fails before
/// the store is touched), skip the work when nothing changed, else write.
/// </summary>
/// <param name="fileDigest">Gives a file's SHA-256 hex for the cache key; the build's stat cache, so unchanged files are not read again.</param>
public sealed class InProcessAssembler(IImageStore store, AssemblerOptions options, Func<string, CancellationToken, Task<string>>? fileDigest = null) : IRunImageAssembler
{
    public Task<AssembledImage> AssembleAsync(AssemblyRequest request, CancellationToken cancellationToken) =>
        WithScratchAsync(async scratch =>
        {
            var (draft, key, cached) = await DraftAsync(request, scratch, cancellationToken);
            if (cached is not null)
            {
                return new AssembledImage(request.ImageName, cached.Manifest, FromCache: true);
            }

            var manifest = await new ImageWriter(store, options).WriteAsync(draft, request.ImageName, request.ExtraLabels, key, request.Written, cancellationToken);
            return new AssembledImage(request.ImageName, manifest, FromCache: false);
        });

    /// <summary>Whether the store's image of that name is what assembling would make now (a build would report it cached); writes nothing.</summary>
    public Task<bool> IsUpToDateAsync(AssemblyRequest request, CancellationToken cancellationToken) =>
        WithScratchAsync(async scratch => (await DraftAsync(request, scratch, cancellationToken)).Cached is not null);

    private async Task<(ImageDraft Draft, string Key, TaggedImage? Cached)> DraftAsync(AssemblyRequest request, string scratch, CancellationToken cancellationToken)
    {
        var draft = await new ImageDrafter(store, options).DraftAsync(request, scratch, cancellationToken);
        var key = await BuildCacheKey.ComputeAsync(draft, request, options, cancellationToken, fileDigest);
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

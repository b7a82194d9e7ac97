using Cybernode.Oci.Store;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Assembles run images without any container engine: plan everything (so bad input fails before
/// the store is touched), skip the work when nothing changed, else write.
/// </summary>
/// <param name="fileDigest">Gives a file's SHA-256 hex for the cache key; the build's stat cache, so unchanged files are not read again.</param>
public sealed class InProcessAssembler(IImageStore store, AssemblerOptions options, Func<string, CancellationToken, Task<string>>? fileDigest = null) : IRunImageAssembler
{
    public async Task<AssembledImage> AssembleAsync(AssemblyRequest request, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "cybernode-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await AssembleAsync(request, scratch, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private async Task<AssembledImage> AssembleAsync(AssemblyRequest request, string scratch, CancellationToken cancellationToken)
    {
        var draft = await new ImageDrafter(store, options).DraftAsync(request, scratch, cancellationToken);
        var key = await BuildCacheKey.ComputeAsync(draft, request, options, cancellationToken, fileDigest);
        var previous = await ImageReader.FindAsync(store, request.ImageName, cancellationToken);
        if (previous is not null && previous.Manifest.Annotation(BuildCacheKey.Annotation) == key &&
            await store.ContainsAsync(previous.Manifest.Digest, cancellationToken))
        {
            return new AssembledImage(request.ImageName, previous.Manifest, FromCache: true);
        }

        var manifest = await new ImageWriter(store, options).WriteAsync(draft, request.ImageName, request.ExtraLabels, key, request.Written, cancellationToken);
        return new AssembledImage(request.ImageName, manifest, FromCache: false);
    }
}

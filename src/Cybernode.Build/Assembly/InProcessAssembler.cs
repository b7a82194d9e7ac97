using Cybernode.Oci.Store;

namespace Cybernode.Build.Assembly;

/// <summary>Assembles run images without any container engine: plan everything, then write.</summary>
public sealed class InProcessAssembler(IImageStore store, AssemblerOptions options) : IRunImageAssembler
{
    public async Task<AssembledImage> AssembleAsync(AssemblyRequest request, CancellationToken cancellationToken)
    {
        var draft = await new DockerfilePlanner(store, options).PlanAsync(request, cancellationToken);
        var manifest = await new ImageWriter(store, options).WriteAsync(draft, request.ImageName, request.ExtraLabels, cancellationToken);
        return new AssembledImage(request.ImageName, manifest, FromCache: false);
    }
}

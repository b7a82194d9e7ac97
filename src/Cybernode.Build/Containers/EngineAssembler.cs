using Cybernode.Build.Assembly;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting;
using Cybernode.Oci.Model;
using Cybernode.Providers;

namespace Cybernode.Build.Containers;

/// <summary>
/// Makes the run image with the container engine (<c>--assembler engine</c>), for Dockerfiles the
/// in-process assembler cannot take (RUN), then copies it into the store like any other image.
/// </summary>
public sealed class EngineAssembler(IContainerProvider provider, EngineImages images, Dockerfiles dockerfiles, StepLog log) : IRunImageAssembler
{
    public async Task<AssembledImage> AssembleAsync(AssemblyRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await images.ProvideAsync(dockerfiles.References(request.DockerfilePath), log.Engine, cancellationToken);
            var build = new BuildImageRequest(request.ContextFolder, request.DockerfilePath, request.ImageName)
            {
                BuildArgs = request.BuildArgs,
                Labels = request.ExtraLabels,
                Target = request.TargetStage,
            };
            await provider.BuildImageAsync(build, log.Engine, cancellationToken);
            var copied = await images.CopyToStoreAsync(request.ImageName, log.Engine, cancellationToken);
            return new AssembledImage(copied.Name, copied.Manifest, FromCache: false);
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, request.DockerfilePath, log.Path);
        }
    }
}

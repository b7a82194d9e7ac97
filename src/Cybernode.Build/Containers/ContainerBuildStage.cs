using Cybernode.Build.HostBuild;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;
using Cybernode.Providers;

namespace Cybernode.Build.Containers;

/// <summary>
/// The build stage of a service with a Dockerfile-build: build the build image from the service
/// folder, then run it with the emptied bin folder at /build (and the service's caches), its CMD
/// copying the binaries out.
/// </summary>
public sealed class ContainerBuildStage(IContainerProvider provider, EngineImages images, IBuildReporter reporter)
{
    public async Task RunAsync(Service service, ServiceSettings settings, IReadOnlyDictionary<string, string> buildArgs, Platform platform, ServiceLog log, CancellationToken cancellationToken)
    {
        try
        {
            reporter.StageStarted(service.Name, $"building {service.BuildImageName} from {Service.BuildDockerfileName} with {provider.Name}");
            await images.ProvideAsync(DockerfileReferences.Find(service.BuildDockerfilePath, buildArgs, platform), log, cancellationToken);
            var build = new BuildImageRequest(service.Folder, service.BuildDockerfilePath, service.BuildImageName) { BuildArgs = buildArgs };
            await provider.BuildImageAsync(build, log, cancellationToken);

            reporter.StageStarted(service.Name, $"running {service.BuildImageName} with bin at {RunBuildRequest.BuildMountPath}");
            OutputFolder.Empty(service.OutputFolder);
            var run = new RunBuildRequest(service.Name, service.BuildImageName, service.OutputFolder) { CacheVolumes = settings.Cache };
            await provider.RunBuildAsync(run, log, cancellationToken);
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, service.BuildDockerfilePath, log.Path);
        }
    }
}

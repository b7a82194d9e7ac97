using Cybernode.Build.Assembly.Sources;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting;
using Cybernode.Build.Secrets;
using Cybernode.Build.Workspaces;
using Cybernode.Providers;

namespace Cybernode.Build.Containers;

/// <summary>
/// The build stage of a service with a Dockerfile-build: build the build image from the service
/// folder, then run it with the emptied bin folder at /build (and the service's caches), its CMD
/// copying the binaries out.
/// </summary>
public sealed class ContainerBuildStage(IContainerProvider provider, EngineImages images, IBuildReporter reporter)
{
    public async Task RunAsync(Service service, ServiceSettings settings, BuildOptions options, ServiceLog log, CancellationToken cancellationToken)
    {
        try
        {
            reporter.StageStarted(service.Name, $"building {service.BuildImageName} from {Service.BuildDockerfileName} with {provider.Name}");
            await images.ProvideAsync(DockerfileReferences.Find(service.BuildDockerfilePath, options.BuildArgs, options.Assembler.Platform), log.Engine, cancellationToken);

            // The engine reads each secret from the user's file or variable itself: no copy is needed here.
            var build = new BuildImageRequest(service.Folder, service.BuildDockerfilePath, service.BuildImageName)
            {
                BuildArgs = options.BuildArgs,
                Secrets = options.Secrets,
                NoCache = options.NoCache,

                // bin/ is this stage's output: in the context it would change the build image's cache key after every build.
                IgnorePatterns = [.. new ContextTree(service.Folder).IgnorePatterns, Service.OutputFolderName, Service.OutputFolderName + "/**"],
            };
            await provider.BuildImageAsync(build, log.Engine, cancellationToken);

            reporter.StageStarted(service.Name, $"running {service.BuildImageName} with bin at {RunBuildRequest.BuildMountPath}");
            OutputFolder.Empty(service.OutputFolder);
            using var secrets = options.Secrets.Count == 0 ? null : await SecretFolder.CreateAsync(options.Secrets, cancellationToken);
            var run = new RunBuildRequest(service.Name, service.BuildImageName, service.OutputFolder)
            {
                CacheVolumes = settings.Cache,
                Secrets = secrets?.Files ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
                EngineOutput = log.Engine,
            };
            await provider.RunBuildAsync(run, log, cancellationToken);
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, service.BuildDockerfilePath, log.Path);
        }
    }
}

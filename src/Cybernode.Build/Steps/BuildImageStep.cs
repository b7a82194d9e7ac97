using Cybernode.Build.Assembly.Sources;
using Cybernode.Build.Containers;
using Cybernode.Build.Workspaces;
using Cybernode.Providers;

namespace Cybernode.Build.Steps;

/// <summary>Builds the service's build image from its Dockerfile-build with the container engine, after loading the stored images it starts FROM.</summary>
public sealed class BuildImageStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run)
{
    public override string Title => $"building {Service.BuildImageName} from {Service.BuildDockerfileName} with {Session.Provider!.Name}";

    /// <summary>What the engine is asked to build.</summary>
    public static BuildImageRequest Request(Service service, BuildOptions options) => new(service.Folder, service.BuildDockerfilePath, service.BuildImageName)
    {
        BuildArgs = options.BuildArgs,
        Secrets = options.Secrets,
        NoCache = options.NoCache,

        // bin/ is the build stage's output: in the context it would change the build image's cache key after every build.
        IgnorePatterns = [.. new ContextTree(service.Folder).IgnorePatterns, Service.OutputFolderName, Service.OutputFolderName + "/**"],
    };

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var log = Log;
        try
        {
            await Session.Images!.ProvideAsync(Session.Dockerfiles.References(Service.BuildDockerfilePath), log.Engine, cancellationToken);

            // The engine reads each secret from the user's file or variable itself: no copy is needed here.
            await Session.Provider!.BuildImageAsync(Request(Service, Session.Options), log.Engine, cancellationToken);
            return StepOutcome.Done();
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, Service.BuildDockerfilePath, log.Path);
        }
    }
}

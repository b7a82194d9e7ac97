using Cybernode.Build.Containers;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Secrets;
using Cybernode.Providers;

namespace Cybernode.Build.Steps;

/// <summary>Runs the build image with the emptied bin folder at /build (and the service's caches), its CMD copying the binaries out.</summary>
public sealed class BuildRunStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run)
{
    public override string Title => $"running {Service.BuildImageName} with bin at {RunBuildRequest.BuildMountPath}";

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var log = Log;
        try
        {
            OutputFolder.Empty(Service.OutputFolder);
            var options = Session.Options;
            using var secrets = options.Secrets.Count == 0 ? null : await SecretFolder.CreateAsync(options.Secrets, cancellationToken);
            var request = new RunBuildRequest(Service.Name, Service.BuildImageName, Service.OutputFolder)
            {
                CacheVolumes = Session.Workspace.Settings.For(Service.Name).Cache,
                Secrets = secrets?.Files ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
                EngineOutput = log.Engine,
            };
            await Session.Provider!.RunBuildAsync(request, log, cancellationToken);
            return StepOutcome.Done();
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, Service.BuildDockerfilePath, log.Path);
        }
    }
}

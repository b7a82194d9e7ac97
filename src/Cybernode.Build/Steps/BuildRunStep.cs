using Cybernode.Build.Caching;
using Cybernode.Build.Containers;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Secrets;
using Cybernode.Providers;

namespace Cybernode.Build.Steps;

/// <summary>Runs the build image with the emptied bin folder at /build (and the service's caches), its CMD copying the binaries out.</summary>
public sealed class BuildRunStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run), ICacheableStep
{
    public string InputFolder => Service.Folder;

    public string OutputFolder => Service.OutputFolder;

    public IReadOnlyDictionary<string, string> Variables =>
        CacheVariables.Of(Session.Options, ("BUILD_DIR", RunBuildRequest.BuildMountPath), ("caches", string.Join(',', Session.Workspace.Settings.For(Service.Name).Cache.Select(c => $"{c.Key}={c.Value}"))));

    /// <summary>The build image as the engine has it after the build image step: its ID changes with anything it was built from (bases included).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ImagesAsync(CancellationToken cancellationToken) =>
        new Dictionary<string, string> { ["build image"] = (await Session.Provider!.ImageIdAsync(Service.BuildImageName, cancellationToken))?.ToString() ?? "missing" };

    public override string Title => $"running {Service.BuildImageName} with bin at {RunBuildRequest.BuildMountPath}";

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var log = Log;
        try
        {
            HostBuild.OutputFolder.Empty(Service.OutputFolder);
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

using Cybernode.Build.Caching;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Secrets;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Steps;

/// <summary>Runs the service's 01build.sh on the host (<see cref="HostBuildStage"/>), its process group recorded in the service's lock.</summary>
public sealed class HostScriptStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run), ICacheableStep
{
    public string InputFolder => Service.Folder;

    public string OutputFolder => Service.OutputFolder;

    public IReadOnlyDictionary<string, string> Variables => CacheVariables.Of(Session.Options, ("BUILD_DIR", Service.OutputFolder));

    // A host script runs no image.
    public Task<IReadOnlyDictionary<string, string>> ImagesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public override string Title => $"running {Service.BuildScriptName}";

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var secretsWanted = Session.Options.Secrets;
        using var secrets = secretsWanted.Count == 0 ? null : await SecretFolder.CreateAsync(secretsWanted, cancellationToken);
        await HostBuildStage.RunAsync(Service, secrets?.Path, Log, Run.Lock, cancellationToken);
        return StepOutcome.Done();
    }
}

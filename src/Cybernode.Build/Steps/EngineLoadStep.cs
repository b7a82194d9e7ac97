using Cybernode.Build.Containers;
using Cybernode.Providers;

namespace Cybernode.Build.Steps;

/// <summary>Puts the run image the in-process assembler made into the container engine, so it runs there as it is.</summary>
public sealed class EngineLoadStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run)
{
    public override string Title => $"loading {Service.ImageName} into {Session.Provider!.Name}";

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var log = Log;
        try
        {
            await Session.Images!.LoadAsync(Run.Image!, log.Engine, cancellationToken);
            return StepOutcome.Done();
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, null, log.Path);
        }
    }
}

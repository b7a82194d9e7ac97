using Cybernode.Build.Containers;
using Cybernode.Providers;

namespace Cybernode.Build.Steps;

/// <summary>Gives the run image its other names (--tag, tags: in cybernode.yaml, templates filled in by the run image step) in the store, and in the engine when the build uses one.</summary>
public sealed class TagStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run)
{
    public override string Title => $"naming {Service.ImageName} {string.Join(", ", Names)}";

    private IReadOnlyList<string> Names => Run.ExtraNames;

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var image = Run.Image!;
        foreach (var name in Names)
        {
            await Session.Store.TagAsync(name, image.Manifest, cancellationToken);
        }

        if (Session.Provider is not { } provider)
        {
            return StepOutcome.Done();
        }

        try
        {
            foreach (var name in Names)
            {
                await provider.TagImageAsync(image.Name, name, cancellationToken);
            }
        }
        catch (ProviderException e)
        {
            throw EngineFailures.ToUserError(e, null, Log.Path);
        }

        return StepOutcome.Done();
    }
}

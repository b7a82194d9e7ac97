using Cybernode.Build.Steps;
using Cybernode.Oci;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Caching;

/// <summary>
/// Runs a cacheable step only when it must: when its inputs match a stored result, the output
/// folder is made what the step left (left alone when it already is) and the step is Cached;
/// otherwise it runs, with a reason saying why, and its result is stored the moment it succeeds.
/// A failed step stores nothing.
/// </summary>
public sealed class StepCache(OutputCache cache, CachePolicy policy, string workspace) : IStepWrapper
{
    /// <summary>Wraps the steps that can be cached (<see cref="ICacheableStep"/>); the others are left as they are.</summary>
    public IStep Wrap(IStep step) => step is ICacheableStep cacheable ? new CachedStep(step, cacheable, this) : step;

    public async Task<StepOutcome> RunAsync(ICacheableStep step, Func<CancellationToken, Task<StepOutcome>> run, CancellationToken cancellationToken)
    {
        var name = step.Id.ToString();
        StepInputs inputs;
        try
        {
            inputs = await InputsAsync(step, cancellationToken);
        }
        catch (UserError e)
        {
            return new StepOutcome(StepStatus.Failed, Error: e.Describe());
        }

        var reason = policy.ForcedReason(step.Id.Service);
        if (reason is null)
        {
            var hit = await cache.FindAsync(workspace, name, inputs.Key(), cancellationToken);
            reason = hit is null ? await ChangeAsync(name, inputs, cancellationToken) : await RestoreAsync(hit, step.OutputFolder, cancellationToken);
            if (reason is null)
            {
                return new StepOutcome(StepStatus.Cached, $"inputs unchanged since {hit!.Created}");
            }
        }

        var outcome = await run(cancellationToken);
        if (outcome.Status == StepStatus.Done)
        {
            try
            {
                await cache.SaveAsync(workspace, name, inputs, step.OutputFolder, cancellationToken);
            }
            catch (UserError e)
            {
                return new StepOutcome(StepStatus.Failed, reason, e.Describe());
            }
        }

        return outcome with { Reason = reason };
    }

    private async Task<StepInputs> InputsAsync(ICacheableStep step, CancellationToken cancellationToken)
    {
        var skipped = Path.GetRelativePath(step.InputFolder, step.OutputFolder).Replace('\\', '/');
        var files = await FolderInputs.ReadAsync(step.InputFolder, skipped, cache.Stats, cancellationToken);
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, value) in policy.DeclaredVariables)
        {
            variables[variable] = StepInputs.Fingerprint(variable, value);
        }

        foreach (var (variable, value) in step.Variables)
        {
            variables[variable] = StepInputs.Fingerprint(variable, value);
        }

        var args = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (arg, value) in policy.BuildArgs)
        {
            args[arg] = StepInputs.Fingerprint(arg, value);
        }

        var images = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (image, identity) in await step.ImagesAsync(cancellationToken))
        {
            images[image] = identity;
        }

        return new StepInputs(step.Id.Kind.ToString(), files, variables, args, images);
    }

    /// <summary>Why there is no result for these inputs: what changed since the step's last one, or that it has none.</summary>
    private async Task<string> ChangeAsync(string name, StepInputs inputs, CancellationToken cancellationToken)
    {
        var latest = await cache.LatestAsync(workspace, name, cancellationToken);
        if (latest is null)
        {
            return "no cache entry";
        }

        try
        {
            return InputChanges.Describe((await cache.ReadAsync(latest, cancellationToken)).Inputs, inputs);
        }
        catch (Exception e) when (e is OciFormatException or StorageException)
        {
            return "no cache entry (the last one is unreadable)";
        }
    }

    /// <summary>Makes the output folder the stored one; null when done, else why the step must run after all.</summary>
    private async Task<string?> RestoreAsync(CacheRecord hit, string folder, CancellationToken cancellationToken)
    {
        try
        {
            var result = await cache.ReadAsync(hit, cancellationToken);
            if (!await cache.MatchesAsync(result.Outputs, folder, cancellationToken))
            {
                await cache.RestoreAsync(result.Outputs, folder, cancellationToken);
            }

            return null;
        }
        catch (Exception e) when (e is OciFormatException or StorageException)
        {
            return $"the cached result could not be restored ({e.Message})";
        }
    }

    private sealed class CachedStep(IStep inner, ICacheableStep cacheable, StepCache cache) : WrappedStep(inner)
    {
        public override Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken) =>
            cache.RunAsync(cacheable, token => Inner.RunAsync(context, token), cancellationToken);
    }
}

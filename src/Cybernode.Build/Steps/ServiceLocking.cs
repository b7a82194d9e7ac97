namespace Cybernode.Build.Steps;

/// <summary>Each step runs holding its service's lock and log (<see cref="ServiceRun.HoldAsync"/>), taken by the service's first step.</summary>
public sealed class ServiceLocking(IReadOnlyDictionary<string, ServiceRun> runs) : IStepWrapper
{
    public IStep Wrap(IStep step) => new LockedStep(step, runs[step.Id.Service]);

    private sealed class LockedStep(IStep inner, ServiceRun run) : WrappedStep(inner)
    {
        public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            await run.HoldAsync(cancellationToken);
            return await Inner.RunAsync(context, cancellationToken);
        }
    }
}

using Cybernode.Build.Reporting.Events;

namespace Cybernode.Build.Steps;

/// <summary>
/// Each step runs holding its service's lock and log (<see cref="ServiceRun.HoldAsync"/>), taken by
/// the service's first step and kept until its last. Put outside the job limit: a build waiting
/// for a lock another build holds must not sit on a job slot, or two builds that each hold a
/// service the other waits for could take every slot and never let go.
/// </summary>
public sealed class ServiceLocking(IReadOnlyDictionary<string, ServiceRun> runs) : IStepWrapper
{
    public IStep Wrap(IStep step) => new LockedStep(step, runs[step.Id.Service]);

    private sealed class LockedStep(IStep inner, ServiceRun run) : WrappedStep(inner)
    {
        public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            try
            {
                await run.HoldAsync(cancellationToken);
            }
            catch (UserError e)
            {
                // Another build holds it and --no-wait was given: the step never started.
                var refused = StepFailures.Failed(e);
                context.Events.Report(new StepFinished(Id, refused, TimeSpan.Zero));
                return refused;
            }

            return await Inner.RunAsync(context, cancellationToken);
        }
    }
}

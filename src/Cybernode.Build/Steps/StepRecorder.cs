using System.Diagnostics;
using Cybernode.Build.Reporting.Events;

namespace Cybernode.Build.Steps;

/// <summary>Reports each step's start (<see cref="StepStarted"/>) and its outcome with how long it took (<see cref="StepFinished"/>).</summary>
public sealed class StepRecorder : IStepWrapper
{
    public IStep Wrap(IStep step) => new RecordedStep(step);

    private sealed class RecordedStep(IStep inner) : WrappedStep(inner)
    {
        public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            context.Events.Report(new StepStarted(Id, Title));
            var clock = Stopwatch.StartNew();
            var outcome = await StepFailures.RunAsync(Inner, context, cancellationToken);
            context.Events.Report(new StepFinished(Id, outcome, clock.Elapsed));
            return outcome;
        }
    }
}

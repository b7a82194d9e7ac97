using Cybernode.Build.Reporting.Events;

namespace Cybernode.Build.Steps;

/// <summary>
/// Runs the steps of a graph, each as soon as every step it needs is done (how many at once is a
/// wrapper's business: <see cref="JobLimit"/>). A step whose need failed or was skipped is
/// skipped, naming that need; the others go on. On cancellation no further step starts, and the
/// running ones are awaited before <see cref="OperationCanceledException"/> goes up.
/// </summary>
/// <param name="contextOf">The context each step runs with (its events, its service's log).</param>
public sealed class StepScheduler(IBuildEvents events, Func<StepId, StepContext> contextOf)
{
    /// <summary>Called once per step with its final outcome, run or skipped, one call at a time.</summary>
    public event Action<StepId, StepOutcome>? Finished;

    public async Task<IReadOnlyDictionary<StepId, StepOutcome>> RunAsync(StepGraph graph, CancellationToken cancellationToken)
    {
        var gate = new Lock();
        var outcomes = new Dictionary<StepId, StepOutcome>();
        var running = new Dictionary<StepId, Task<StepOutcome>>();
        var byId = graph.Steps.ToDictionary(s => s.Id);

        // Steps come in any order: each one's task is made after those of its needs (the graph has no cycle).
        Task<StepOutcome> TaskOf(IStep step)
        {
            if (!running.TryGetValue(step.Id, out var task))
            {
                var needs = step.Needs.Select(n => (n, TaskOf(byId[n]))).ToList();
                running[step.Id] = task = RunWhenReadyAsync(step, needs, cancellationToken);
            }

            return task;
        }

        async Task<StepOutcome> RunWhenReadyAsync(IStep step, List<(StepId Id, Task<StepOutcome> Task)> needs, CancellationToken token)
        {
            await ((Task)Task.WhenAll(needs.Select(n => n.Task))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var blocked = needs.FirstOrDefault(n => !n.Task.IsCompletedSuccessfully || !n.Task.Result.Succeeded);
            StepOutcome outcome;
            if (blocked.Task is not null)
            {
                if (!blocked.Task.IsCompletedSuccessfully)
                {
                    // A need was cancelled or broke: this step never starts; the cause goes up from that need.
                    await blocked.Task;
                }

                outcome = Skipped(blocked.Id, blocked.Task.Result);
                events.Report(new StepFinished(step.Id, outcome, TimeSpan.Zero));
            }
            else
            {
                token.ThrowIfCancellationRequested();
                outcome = await step.RunAsync(contextOf(step.Id), token);
            }

            lock (gate)
            {
                outcomes[step.Id] = outcome;
                Finished?.Invoke(step.Id, outcome);
            }

            return outcome;
        }

        var all = graph.Steps.Select(TaskOf).ToList();
        await ((Task)Task.WhenAll(all)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Cancellation first: a bug that surfaced while the build was being stopped is still reported below.
        cancellationToken.ThrowIfCancellationRequested();
        var broken = all.FirstOrDefault(t => !t.IsCompletedSuccessfully);
        if (broken is not null)
        {
            await broken;
        }

        return outcomes;
    }

    private static StepOutcome Skipped(StepId need, StepOutcome needOutcome) =>
        new(StepStatus.Skipped, $"it needs {need}, which {(needOutcome.Status == StepStatus.Failed ? "failed" : "was skipped")}") { BlockedBy = need };
}

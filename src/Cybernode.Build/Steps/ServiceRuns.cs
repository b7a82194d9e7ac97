using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;

namespace Cybernode.Build.Steps;

/// <summary>
/// The services of one build as their steps finish: when a service's last step has its outcome,
/// its lock and log are let go and its result is reported (<see cref="ServiceFinished"/>).
/// </summary>
public sealed class ServiceRuns : IDisposable
{
    private readonly BuildGraph _graph;
    private readonly IBuildEvents _events;
    private readonly Dictionary<StepId, StepOutcome> _outcomes = [];
    private readonly List<ServiceResult> _results = [];

    public ServiceRuns(BuildGraph graph, BuildSession session)
    {
        _graph = graph;
        _events = session.Events;
        Runs = graph.Services.ToDictionary(s => s.Name, s => new ServiceRun(s, session), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, ServiceRun> Runs { get; }

    /// <summary>The results so far, in build order.</summary>
    public IReadOnlyList<ServiceResult> Results => [.. _graph.Services.Select(s => _results.FirstOrDefault(r => r.Name == s.Name)).OfType<ServiceResult>()];

    /// <summary>Takes each step's outcome, one at a time (<see cref="StepScheduler.Finished"/>).</summary>
    public void StepFinished(StepId step, StepOutcome outcome)
    {
        _outcomes[step] = outcome;
        var steps = _graph.StepsOf(step.Service);
        if (steps.Any(s => !_outcomes.ContainsKey(s.Id)))
        {
            return;
        }

        var run = Runs[step.Service];
        run.Dispose();
        var result = ResultOf(run, [.. steps.Select(s => (s.Id, _outcomes[s.Id]))]);
        _results.Add(result);
        _events.Report(new ServiceFinished(result));
    }

    public void Dispose()
    {
        foreach (var run in Runs.Values)
        {
            run.Dispose();
        }
    }

    /// <summary>
    /// A service failed with its first failed step, was skipped with its first skipped one, else
    /// was built, or cached when its run image was; the step that decided gives the reason.
    /// </summary>
    private static ServiceResult ResultOf(ServiceRun run, IReadOnlyList<(StepId Id, StepOutcome Outcome)> chain)
    {
        var (name, image) = (run.Service.Name, run.Service.ImageName);
        if (chain.FirstOrDefault(s => s.Outcome.Status == StepStatus.Failed) is { Outcome: { } failed })
        {
            return new ServiceResult(name, image, ServiceStatus.Failed, Error: failed.Error, Duration: run.Elapsed) { Reason = failed.Reason };
        }

        if (chain.FirstOrDefault(s => s.Outcome.Status == StepStatus.Skipped) is { Outcome: { } skipped })
        {
            var blocker = skipped.BlockedBy?.Service;
            var error = blocker is not null && blocker != name ? $"not built: it needs {blocker}, which failed" : skipped.Reason;
            return new ServiceResult(name, image, ServiceStatus.Skipped, Error: error) { Reason = skipped.Reason };
        }

        var runImage = chain.Single(s => s.Id.Kind == StepKind.RunImage).Outcome;
        var decided = runImage.Status == StepStatus.Cached ? runImage : chain.First(s => s.Outcome.Status == StepStatus.Done).Outcome;
        return new ServiceResult(name, image, runImage.Status == StepStatus.Cached ? ServiceStatus.Cached : ServiceStatus.Built, run.Image?.Manifest.Digest, Duration: run.Elapsed)
        {
            Reason = decided.Reason,
            Size = run.Size,
        };
    }
}

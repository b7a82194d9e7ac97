using System.Collections.Concurrent;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// Turns the callbacks of the build as it is today (<see cref="IBuildReporter"/>) into the typed
/// events the views read, until the step graph reports them itself; then this goes. A step ends
/// when the service's next one starts or the service finishes.
/// </summary>
public sealed class ReporterEvents(IBuildEvents events) : IBuildReporter
{
    private readonly ConcurrentDictionary<string, StepStarted> _current = new(StringComparer.Ordinal);

    public void StageStarted(string service, string stage)
    {
        StepId? step = stage switch
        {
            "build" => new StepId(service, StepKind.HostScript),
            "image" => new StepId(service, StepKind.RunImage),
            _ when stage.StartsWith("building ", StringComparison.Ordinal) => new StepId(service, StepKind.BuildImage),
            _ when stage.StartsWith("running ", StringComparison.Ordinal) => new StepId(service, StepKind.BuildRun),
            _ => null,
        };
        if (step is not { } id)
        {
            events.Report(new ServiceNotice(service, stage));
            return;
        }

        Finish(service, new StepOutcome(StepStatus.Done));
        var started = new StepStarted(id, stage switch
        {
            "build" => "running 01build.sh",
            "image" => "assembling the run image",
            _ => stage,
        });
        _current[service] = started;
        events.Report(started);
    }

    public void Output(string service, string line) => events.Report(new StepOutput(Current(service), line, OutputOrigin.Step));

    public void EngineOutput(string service, string line) => events.Report(new StepOutput(Current(service), line, OutputOrigin.Engine));

    public void ServiceFinished(ServiceResult result)
    {
        Finish(result.Name, result.Status switch
        {
            ServiceStatus.Failed => new StepOutcome(StepStatus.Failed, Error: result.Error),
            ServiceStatus.Cached => new StepOutcome(StepStatus.Cached, result.Reason),
            ServiceStatus.Skipped => new StepOutcome(StepStatus.Skipped, result.Error),
            _ => new StepOutcome(StepStatus.Done, result.Reason),
        });
        events.Report(new ServiceFinished(result));
    }

    private void Finish(string service, StepOutcome outcome)
    {
        if (_current.TryRemove(service, out var running))
        {
            events.Report(new StepFinished(running.Step, outcome, DateTimeOffset.UtcNow - running.Time));
        }
    }

    private StepId Current(string service) =>
        _current.TryGetValue(service, out var running) ? running.Step : new StepId(service, StepKind.HostScript);
}

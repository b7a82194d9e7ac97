using System.Collections.Concurrent;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// Turns the callbacks of the build as it is today (<see cref="IBuildReporter"/>) into the typed
/// events the views read, until the step graph reports them itself; then this goes.
/// </summary>
public sealed class ReporterEvents(IBuildEvents events) : IBuildReporter
{
    private readonly ConcurrentDictionary<string, StepId> _current = new(StringComparer.Ordinal);

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

        _current[service] = id;
        events.Report(new StepStarted(id, stage switch
        {
            "build" => "running 01build.sh",
            "image" => "assembling the run image",
            _ => stage,
        }));
    }

    public void Output(string service, string line) => events.Report(new StepOutput(Current(service), line, OutputOrigin.Step));

    public void EngineOutput(string service, string line) => events.Report(new StepOutput(Current(service), line, OutputOrigin.Engine));

    public void ServiceFinished(ServiceResult result) => events.Report(new ServiceFinished(result));

    private StepId Current(string service) => _current.GetValueOrDefault(service, new StepId(service, StepKind.HostScript));
}

using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Cli.Output.Progress;

/// <summary>Each typed build event as the line <c>--progress json</c> prints for it.</summary>
public static class ProgressEventLines
{
    public static ProgressEventLine From(BuildEvent buildEvent) => buildEvent switch
    {
        BuildStarted started => new("build-started", started.Time) { Services = started.Services, Steps = started.Steps },
        StepStarted started => OfStep("step-started", started.Step, started.Time) with { Title = started.Title },
        StepProgressed progressed => OfStep("step-progressed", progressed.Step, progressed.Time) with { Bytes = progressed.Bytes },
        StepOutput output => OfStep("step-output", output.Step, output.Time) with { Line = output.Line, Origin = Word(output.Origin.ToString()) },
        StepFinished finished => OfStep("step-finished", finished.Step, finished.Time) with
        {
            Status = Word(finished.Outcome.Status.ToString()),
            Reason = finished.Outcome.Reason,
            Error = finished.Outcome.Error,
            BlockedBy = finished.Outcome.BlockedBy is { } blocker ? new StepReference(blocker.Service, Word(blocker.Kind.ToString())) : null,
            Seconds = Seconds(finished.Duration),
        },
        ServiceNotice notice => new("service-notice", notice.Time) { Service = notice.Service, Message = notice.Message },
        BaseLockMoved moved => new("base-lock-moved", moved.Time)
        {
            Service = moved.Service,
            Base = moved.Change.Base.ToString(),
            Old = moved.Change.Old?.ToString(),
            New = moved.Change.New?.ToString(),
            Message = moved.Change.Describe(),
        },
        ServiceFinished finished => OfResult(finished.Result, finished.Time),
        BuildFinished finished => new("build-finished", finished.Time)
        {
            Seconds = Seconds(finished.Duration),
            Results = [.. finished.Results.Select(r => OfResult(r, finished.Time))],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(buildEvent), buildEvent.GetType().Name, "a build event --progress json does not know"),
    };

    /// <summary>An enum member as the CLI prints words: HostScript is host-script.</summary>
    public static string Word(string member) =>
        string.Concat(member.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    private static ProgressEventLine OfStep(string type, StepId step, DateTimeOffset time) =>
        new(type, time) { Service = step.Service, Step = Word(step.Kind.ToString()) };

    private static ProgressEventLine OfResult(ServiceResult result, DateTimeOffset time) => new("service-finished", time)
    {
        Service = result.Name,
        Status = Word(result.Status.ToString()),
        Image = result.Image,
        Digest = result.Digest?.ToString(),
        Size = result.Size,
        Seconds = Seconds(result.Duration),
        Reason = result.Reason,
        Error = result.Error,
    };

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3);
}

using Cybernode.Build.Reporting.Events;

namespace Cybernode.Build.Steps;

/// <summary>What a running step reports to: the build's event stream (its output lines too, as <see cref="StepOutput"/>).</summary>
public sealed class StepContext(StepId step, IBuildEvents events, string logPath)
{
    public StepId Step { get; } = step;

    public IBuildEvents Events { get; } = events;

    /// <summary>The service's log file, which a failure points to.</summary>
    public string LogPath { get; } = logPath;

    /// <summary>Bytes the step has written so far (a layer, bin/), for live progress.</summary>
    public void Progressed(long bytes) => Events.Report(new StepProgressed(Step, bytes));
}

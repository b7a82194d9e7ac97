using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// The line stream for logs and CI: each line prefixed by its service, then one line per finished
/// service, as much as <paramref name="detail"/> asks for. A failure and its message (with the last
/// lines of the step that failed) go to <paramref name="errors"/> (stderr), where scripts look for
/// them; with --json the progress goes there too, keeping stdout for the one JSON document.
/// </summary>
public sealed class PlainProgress(TextWriter progress, TextWriter errors, PlainDetail detail) : IProgressView
{
    private readonly Lock _gate = new();

    public void Report(BuildEvent buildEvent)
    {
        switch (buildEvent)
        {
            // Loading into the engine and extra names happen quietly, as they always have.
            case StepStarted { Step.Kind: not (StepKind.EngineLoad or StepKind.Tag) } started:
                Show(PlainDetail.Steps, progress, $"[{started.Step.Service}] {started.Title}");
                break;
            case StepOutput output:
                Show(output.Origin == OutputOrigin.Engine ? PlainDetail.Everything : PlainDetail.Steps, progress, $"[{output.Step.Service}] {output.Line}");
                break;
            case ServiceNotice notice:
                Show(PlainDetail.Steps, progress, $"[{notice.Service}] {notice.Message}");
                break;
            case BaseLockMoved moved:
                Show(PlainDetail.Steps, progress, ServiceLines.LockMoved(moved.Service, moved.Change));
                break;
            case ServiceFinished { Result.Status: ServiceStatus.Failed } failed:
                Show(PlainDetail.Failures, errors, ServiceLines.Failed(failed.Result));
                break;
            case ServiceFinished finished:
                Show(PlainDetail.Steps, progress, ServiceLines.Finished(finished.Result));
                break;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Show(PlainDetail least, TextWriter writer, string text)
    {
        if (detail < least)
        {
            return;
        }

        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}

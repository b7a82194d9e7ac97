using Cybernode.Build;
using Cybernode.Build.Bases;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Cli.Output;

/// <summary>
/// Progress for people, read from the build's events: each build line prefixed by its service, then
/// one line per finished service, as much as <see cref="BuildProgress"/> asks for. A failure and its
/// message (with the last lines of the step that failed) go to <paramref name="errors"/> (stderr),
/// where scripts look for them; with --json the progress goes there too, keeping stdout for the one
/// JSON document.
/// </summary>
public sealed class ConsoleBuildReporter(TextWriter progress, TextWriter errors, BuildProgress mode) : IBuildEvents
{
    private readonly Lock _gate = new();

    public void Report(BuildEvent buildEvent)
    {
        var shown = mode != BuildProgress.Quiet;
        switch (buildEvent)
        {
            // Loading into the engine and extra names happen quietly, as they always have.
            case StepStarted { Step.Kind: not (StepKind.EngineLoad or StepKind.Tag) } started:
                Show(shown, progress, $"[{started.Step.Service}] {started.Title}");
                break;
            case StepOutput output:
                Show(output.Origin == OutputOrigin.Step ? shown : mode == BuildProgress.Plain, progress, $"[{output.Step.Service}] {output.Line}");
                break;
            case ServiceNotice notice:
                Show(shown, progress, $"[{notice.Service}] {notice.Message}");
                break;
            // A newly locked base is in the lock file and --json, as it always was; a move is news.
            case BaseLockMoved { Change.Old: not null } moved:
                Show(shown, progress, $"[{moved.Service}] base {moved.Change.Describe()}; {BaseLock.FileName} updated");
                break;
            case ServiceFinished finished:
                ShowResult(finished.Result);
                break;
        }
    }

    private void ShowResult(ServiceResult result)
    {
        var (writer, text) = result.Status switch
        {
            ServiceStatus.Built => (progress, $"[{result.Name}] built {result.Image} {result.Digest} in {BuildSummary.Seconds(result.Duration)}"),
            ServiceStatus.Cached => (progress, $"[{result.Name}] cached {result.Image} {result.Digest}"),
            ServiceStatus.Skipped => (progress, $"[{result.Name}] skipped: {ReadableText.Limit(result.Error ?? "")}"),
            _ => (errors, $"[{result.Name}] FAILED\n{ReadableText.Limit(result.Error ?? "")}"),
        };
        Show(mode != BuildProgress.Quiet || writer == errors, writer, text);
    }

    private void Show(bool shown, TextWriter writer, string text)
    {
        if (!shown)
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

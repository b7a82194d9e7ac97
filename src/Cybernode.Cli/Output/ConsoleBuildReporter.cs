using Cybernode.Build;
using Cybernode.Build.Reporting;

namespace Cybernode.Cli.Output;

/// <summary>
/// Progress for people: each build line prefixed by its service, then one line per finished service,
/// as much as <see cref="BuildProgress"/> asks for. A failure and its message (with the last lines
/// of the step that failed) go to <paramref name="errors"/> (stderr), where scripts look for them;
/// with --json the progress goes there too, keeping stdout for the one JSON document.
/// </summary>
public sealed class ConsoleBuildReporter(TextWriter progress, TextWriter errors, BuildProgress mode) : IBuildReporter
{
    private readonly Lock _gate = new();

    public void StageStarted(string service, string stage) => Show(mode != BuildProgress.Quiet, progress, $"[{service}] {StageTitle(stage)}");

    public void Output(string service, string line) => Show(mode != BuildProgress.Quiet, progress, $"[{service}] {line}");

    public void EngineOutput(string service, string line) => Show(mode == BuildProgress.Plain, progress, $"[{service}] {line}");

    public void ServiceFinished(ServiceResult result)
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

    private static string StageTitle(string stage) => stage switch
    {
        "build" => "running 01build.sh",
        "image" => "assembling the run image",
        _ => stage,
    };

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

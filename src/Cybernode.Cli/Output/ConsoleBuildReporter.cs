using Cybernode.Build;
using Cybernode.Build.Reporting;

namespace Cybernode.Cli.Output;

/// <summary>
/// Progress for people: each build line prefixed by its service, then one line per finished service.
/// A failure and its message go to <paramref name="errors"/> (stderr), where scripts look for them;
/// with --json the progress goes there too, keeping stdout for the one JSON document.
/// </summary>
public sealed class ConsoleBuildReporter(TextWriter progress, TextWriter errors) : IBuildReporter
{
    private readonly Lock _gate = new();

    public void StageStarted(string service, string stage) => Write(progress, $"[{service}] {StageTitle(stage)}");

    public void Output(string service, string line) => Write(progress, $"[{service}] {line}");

    public void ServiceFinished(ServiceResult result)
    {
        var seconds = result.Duration.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var (writer, text) = result.Status switch
        {
            ServiceStatus.Built => (progress, $"[{result.Name}] built {result.Image} {result.Digest} in {seconds}s"),
            ServiceStatus.Cached => (progress, $"[{result.Name}] unchanged {result.Image} {result.Digest}"),
            ServiceStatus.Skipped => (progress, $"[{result.Name}] skipped: {ReadableText.Limit(result.Error ?? "")}"),
            _ => (errors, $"[{result.Name}] FAILED\n{ReadableText.Limit(result.Error ?? "")}"),
        };
        Write(writer, text);
    }

    private static string StageTitle(string stage) => stage switch
    {
        "build" => "running 01build.sh",
        "image" => "assembling the run image",
        _ => stage,
    };

    private void Write(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}

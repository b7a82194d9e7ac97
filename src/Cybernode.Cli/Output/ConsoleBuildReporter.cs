using Cybernode.Build.Reporting;

namespace Cybernode.Cli.Output;

/// <summary>
/// Progress for people: each build line prefixed by its service, then one line per finished service.
/// With --json the same goes to stderr, keeping stdout for the one JSON document.
/// </summary>
public sealed class ConsoleBuildReporter(TextWriter writer) : IBuildReporter
{
    private readonly Lock _gate = new();

    public void StageStarted(string service, string stage) => Write($"[{service}] {StageTitle(stage)}");

    public void Output(string service, string line) => Write($"[{service}] {line}");

    public void ServiceFinished(ServiceResult result)
    {
        var seconds = result.Duration.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var text = result.Status switch
        {
            ServiceStatus.Built => $"[{result.Name}] built {result.Image} {result.Digest} in {seconds}s",
            ServiceStatus.Cached => $"[{result.Name}] unchanged {result.Image} {result.Digest}",
            ServiceStatus.Skipped => $"[{result.Name}] skipped: {result.Error}",
            _ => $"[{result.Name}] FAILED\n{result.Error}",
        };
        Write(text);
    }

    private static string StageTitle(string stage) => stage switch
    {
        "build" => "running 01build.sh",
        "image" => "assembling the run image",
        _ => stage,
    };

    private void Write(string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}

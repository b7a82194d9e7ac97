using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cybernode.Build.Reporting.Events;

namespace Cybernode.Cli.Output.Progress;

/// <summary><c>--progress json</c>: each build event as one JSON object on one line, as it happens.</summary>
public sealed class JsonProgress(TextWriter writer) : IProgressView
{
    private static readonly ProgressJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Lines stay readable (non-ASCII as itself); a control byte is still escaped, so one event stays one line.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly Lock _gate = new();

    public static string Serialize(BuildEvent buildEvent) =>
        JsonSerializer.Serialize(ProgressEventLines.From(buildEvent), Context.ProgressEventLine);

    public void Report(BuildEvent buildEvent)
    {
        var line = Serialize(buildEvent);
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

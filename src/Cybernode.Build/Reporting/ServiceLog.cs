using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Build.Reporting;

/// <summary>
/// Everything one service's build steps print, host script and engine commands alike: to the
/// service's log file, which a failure points to, and as <see cref="StepOutput"/> events as it
/// comes, the step's own lines apart from the engine's messages, which people see only when they ask.
/// </summary>
public sealed class ServiceLog : IDisposable
{
    private readonly IBuildEvents _events;
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    /// <summary>Starts the service's log anew.</summary>
    public ServiceLog(string logFolder, string service, IBuildEvents events)
    {
        _events = events;
        Directory.CreateDirectory(logFolder);
        Path = PathOf(logFolder, service);
        _writer = new StreamWriter(Path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    public static string PathOf(string logFolder, string service) => System.IO.Path.Combine(logFolder, $"{service}.build.log");

    /// <summary>Where one step of the service prints.</summary>
    public StepLog For(StepId step) => new(this, step);

    public void Dispose() => _writer.Dispose();

    internal void Write(StepId step, string line, OutputOrigin origin)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _events.Report(new StepOutput(step, line, origin));
        }
    }
}

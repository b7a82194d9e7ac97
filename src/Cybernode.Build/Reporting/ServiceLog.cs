namespace Cybernode.Build.Reporting;

/// <summary>
/// Everything one service's build steps print, host script and engine commands alike: to the
/// service's log file, which a failure points to, and to the reporter as it comes, the build
/// step's own lines apart from the engine's messages (<see cref="Engine"/>), which people see only
/// when they ask.
/// </summary>
public sealed class ServiceLog : IProgress<string>, IDisposable
{
    private readonly string _service;
    private readonly IBuildReporter _reporter;
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public ServiceLog(string logFolder, string service, IBuildReporter reporter)
    {
        _service = service;
        _reporter = reporter;
        Directory.CreateDirectory(logFolder);
        Path = System.IO.Path.Combine(logFolder, $"{service}.build.log");
        _writer = new StreamWriter(Path, append: false) { AutoFlush = true };
        Engine = new EngineLines(this);
    }

    public string Path { get; }

    /// <summary>Where an engine's build, load and save commands print: into the log, and to the reporter as engine output.</summary>
    public IProgress<string> Engine { get; }

    public void Report(string value) => Write(value, _reporter.Output);

    public void Dispose() => _writer.Dispose();

    private void Write(string value, Action<string, string> show)
    {
        lock (_gate)
        {
            _writer.WriteLine(value);
            show(_service, value);
        }
    }

    private sealed class EngineLines(ServiceLog log) : IProgress<string>
    {
        public void Report(string value) => log.Write(value, log._reporter.EngineOutput);
    }
}

namespace Cybernode.Build.Reporting;

/// <summary>
/// Everything one service's build steps print, host script and engine commands alike: to the
/// reporter as it comes, and to the service's log file, which a failure points to.
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
    }

    public string Path { get; }

    public void Report(string value)
    {
        lock (_gate)
        {
            _writer.WriteLine(value);
            _reporter.Output(_service, value);
        }
    }

    public void Dispose() => _writer.Dispose();
}

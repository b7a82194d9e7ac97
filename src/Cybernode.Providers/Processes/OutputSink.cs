using System.Text;

namespace Cybernode.Providers.Processes;

/// <summary>
/// Collects what a running program prints: all of stdout, the last lines of both streams, each line
/// passed on as it comes, and when the last one came. Once closed, later lines are dropped.
/// </summary>
internal sealed class OutputSink(IProgress<string>? output)
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _stdout = new();
    private bool _closed;

    public DateTime LastActivity
    {
        get
        {
            lock (_gate)
            {
                return field;
            }
        }

        private set;
    }

    public void StandardOutput(string line) => Record(line, toStdout: true);

    public void StandardError(string line) => Record(line, toStdout: false);

    public void MarkActivity()
    {
        lock (_gate)
        {
            LastActivity = DateTime.UtcNow;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    public ProcessResult Result(int exitCode)
    {
        lock (_gate)
        {
            return new ProcessResult(exitCode, _stdout.ToString(), [.. _tail]);
        }
    }

    private void Record(string line, bool toStdout)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            LastActivity = DateTime.UtcNow;
            if (toStdout)
            {
                _stdout.AppendLine(line);
            }

            _tail.Enqueue(line);
            if (_tail.Count > ProcessRunner.TailLines)
            {
                _tail.Dequeue();
            }

            output?.Report(line);
        }
    }
}

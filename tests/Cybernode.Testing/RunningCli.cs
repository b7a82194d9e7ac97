using System.Diagnostics;
using System.Text;

namespace Cybernode.Testing;

/// <summary>
/// The CLI started in the background, for tests that signal it while it works: its pid is
/// cybernode's own (the native executable, or dotnet running the dll in-process).
/// </summary>
public sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RunningCli(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public static RunningCli Start(IEnumerable<string> arguments)
    {
        var (program, all) = CybernodeCli.Command(arguments);
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in CybernodeCli.Isolated(new Dictionary<string, string?>()).Keys)
        {
            start.Environment.Remove(name);
        }

        var running = new RunningCli(new Process { StartInfo = start });
        running._process.OutputDataReceived += (_, e) => Append(running._stdout, e.Data);
        running._process.ErrorDataReceived += (_, e) => Append(running._stderr, e.Data);
        running._process.Start();
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Sends a signal (INT, TERM, KILL) to cybernode alone, as `kill -SIGNAL PID` does.</summary>
    public void Signal(string signal) => CybernodeCli.Signal(Pid, signal);

    /// <summary>Waits for cybernode to exit; returns its exit code and what it printed.</summary>
    public async Task<ProcessResult> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await _process.WaitForExitAsync(limit.Token);
        _process.WaitForExit();
        lock (_stdout)
        {
            lock (_stderr)
            {
                return new ProcessResult($"cybernode (pid {Pid})", _process.ExitCode, _stdout.ToString(), _stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}

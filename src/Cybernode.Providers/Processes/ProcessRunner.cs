using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Cybernode.Providers.Processes;

/// <summary>
/// Starts a program, reports each line it prints as it comes, and on cancellation asks it to stop
/// (SIGTERM, so engine clients can clean up their containers) before killing it. Once the program
/// has exited, a background process that still holds its stdout or stderr does not keep the run
/// open: a program's own group is stopped, and reading stops when the pipes stay quiet.
/// </summary>
public static class ProcessRunner
{
    public const int TailLines = 20;

    // After the program exits, the pipes close when the last process holding them does. A process
    // that escaped the program's group (or any background process of an engine client) may hold
    // them for ever: reading stops once they have been quiet that long, or after DrainLimit.
    private static readonly TimeSpan DrainIdle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<Process, byte> Running = new();

    /// <exception cref="FileNotFoundException">the program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, IProgress<string>? output, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(spec) };
        try
        {
            await ProcessStarter.StartAsync(process);
        }
        catch (Win32Exception e)
        {
            throw new FileNotFoundException($"cannot start {spec.FileName}: {e.Message}", spec.FileName, e);
        }

        using var running = Track(process);
        var group = spec.OwnProcessGroup ? ProcessGroup.Of(process.Id) : null;
        if (group is { } started)
        {
            spec.GroupStarted?.Invoke(started);
        }

        await ReleaseAsync(process, spec.OwnProcessGroup, closeInput: spec.StandardInput is null);
        var sink = new OutputSink(output);
        using var stopReading = new CancellationTokenSource();
        var readers = Task.WhenAll(
            PumpAsync(process.StandardOutput, sink.StandardOutput, stopReading.Token),
            PumpAsync(process.StandardError, sink.StandardError, stopReading.Token));
        var feeding = spec.StandardInput is { } feed ? FeedAsync(process, feed, cancellationToken) : Task.CompletedTask;
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, group);
            await FinishReadingAsync(readers, sink, group, stopReading);
            await Task.WhenAny(feeding);
            throw;
        }

        await FinishReadingAsync(readers, sink, group, stopReading);
        await feeding;
        return sink.Result(process.ExitCode);
    }

    /// <summary>
    /// Kills every program started here that still runs, with the processes below it: for a forced
    /// exit, which waits for no graceful stop (an engine client left behind would go on building).
    /// </summary>
    public static void KillAll()
    {
        foreach (var process in Running.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // It ended meanwhile.
            }
        }
    }

    private static Tracked Track(Process process)
    {
        Running[process] = 0;
        return new Tracked(process);
    }

    /// <summary>
    /// A util-linux program by its full path: it lives in the system folders whatever PATH the
    /// build was given (a narrowed PATH must not stop 01build.sh from starting).
    /// </summary>
    private static string SystemTool(string name) =>
        ExecutableLocator.Find(name, $"/usr/bin:/bin:/usr/sbin:/sbin:{Environment.GetEnvironmentVariable("PATH")}") ?? name;

    private static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        var start = new ProcessStartInfo
        {
            FileName = spec.FileName,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (spec.OwnProcessGroup)
        {
            // .NET runs no code of ours between fork and exec, so util-linux does it: setpriv sets
            // the parent-death signal, which survives the exec of setsid; setsid, not being a group
            // leader, makes the session in place (same pid). The shell then waits for a line on
            // stdin before it execs the program, so the group's leader cannot be gone (and its
            // pid reused) before its start time has been read.
            start.FileName = SystemTool("setpriv");
            foreach (var argument in (string[])["--pdeathsig", "KILL", "--", SystemTool("setsid"), "--", "/bin/sh", "-c", "read -r _ && exec \"$@\"", "sh", spec.FileName])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        if (spec.WorkingDirectory is not null)
        {
            start.WorkingDirectory = spec.WorkingDirectory;
        }

        return start;
    }

    /// <summary>
    /// For a program with a group of its own, first stops whatever of the group still runs (a
    /// container's processes end with it too), which closes the pipes they held; then reads what
    /// is left in the pipes up to their end, or until they stay quiet (see <see cref="DrainIdle"/>).
    /// </summary>
    private static async Task FinishReadingAsync(Task readers, OutputSink sink, ProcessGroupId? group, CancellationTokenSource stopReading)
    {
        if (group is { } leftover)
        {
            await ProcessGroup.StopAsync(leftover, ProcessGroup.StopGrace);
        }

        var deadline = DateTime.UtcNow + DrainLimit;
        sink.MarkActivity();
        while (!readers.IsCompleted)
        {
            var quietFor = Min(sink.LastActivity + DrainIdle, deadline) - DateTime.UtcNow;
            if (quietFor <= TimeSpan.Zero)
            {
                break;
            }

            await Task.WhenAny(readers, Task.Delay(quietFor, CancellationToken.None));
        }

        await stopReading.CancelAsync();
        sink.Close();
    }

    /// <summary>Lets a program in its own group go on (see <see cref="StartInfo"/>); a program given no input gets an empty stdin.</summary>
    private static async Task ReleaseAsync(Process process, bool ownGroup, bool closeInput)
    {
        try
        {
            if (ownGroup)
            {
                await process.StandardInput.WriteLineAsync();
            }

            if (closeInput)
            {
                process.StandardInput.Close();
            }
        }
        catch (IOException)
        {
            // It was killed before it read the line; its exit code says so.
        }
    }

    /// <summary>Writes the program's stdin and closes it; a broken pipe means the program stopped reading, which its exit code explains.</summary>
    private static async Task FeedAsync(Process process, Func<Stream, CancellationToken, Task> feed, CancellationToken cancellationToken)
    {
        try
        {
            await feed(process.StandardInput.BaseStream, cancellationToken);
        }
        catch (IOException)
        {
            // The pipe broke: the program ended or closed its input early. (A feed reports its own
            // read failures otherwise, so this is the pipe's.)
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already broken: nothing is left to flush.
            }
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                onLine(line);
            }
        }
        catch (OperationCanceledException)
        {
            // A background process still holds the pipe; what it writes from now on is not this run's.
        }
    }

    private static async Task StopAsync(Process process, ProcessGroupId? group)
    {
        if (group is { } own)
        {
            await ProcessGroup.StopAsync(own, ProcessGroup.StopGrace);
        }
        else if (!process.HasExited)
        {
            Signals.ToProcess(process.Id, Signals.Term);
            using var grace = new CancellationTokenSource(ProcessGroup.StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }

    private sealed class Tracked(Process process) : IDisposable
    {
        public void Dispose() => Running.TryRemove(process, out _);
    }
}

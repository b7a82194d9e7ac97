using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Cybernode.Providers.Processes;

/// <summary>
/// Starts a program, reports each line it prints as it comes, and on cancellation asks it to stop
/// (SIGTERM, so engine clients can clean up their containers) before killing it.
/// </summary>
public static partial class ProcessRunner
{
    public const int TailLines = 20;
    private const int SigTerm = 15;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <exception cref="FileNotFoundException">the program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, IProgress<string>? output, CancellationToken cancellationToken)
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

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new FileNotFoundException($"cannot start {spec.FileName}: {e.Message}", spec.FileName, e);
        }

        process.StandardInput.Close();
        var tail = new Queue<string>();
        var gate = new Lock();
        void Record(string line)
        {
            lock (gate)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }

                output?.Report(line);
            }
        }

        var stdout = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, line => { stdout.AppendLine(line); Record(line); });
        var readErr = PumpAsync(process.StandardError, Record);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            throw;
        }

        await Task.WhenAll(readOut, readErr);
        lock (gate)
        {
            return new ProcessResult(process.ExitCode, stdout.ToString(), [.. tail]);
        }
    }

    /// <summary>Reads to the end even after cancellation, so the pipes never fill and block the child.</summary>
    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = Kill(process.Id, SigTerm);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

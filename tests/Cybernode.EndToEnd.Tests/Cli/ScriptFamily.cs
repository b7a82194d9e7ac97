using System.Globalization;
using Cybernode.Providers.Processes;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// The processes a test's 01build.sh started, by the pids it wrote to a file: itself, then the
/// processes it left running. Kills whatever of them is still running when disposed, so a failed
/// test leaves nothing behind.
/// </summary>
public sealed class ScriptFamily(string pidFile) : IDisposable
{
    /// <summary>A script that records itself, a background sleep and a child shell that becomes its foreground sleep, then waits.</summary>
    public static string Script(string pidFile) =>
        $"echo $$ > {pidFile}\nsleep 1000 &\necho $! >> {pidFile}\nsh -c 'echo $$ >> {pidFile}; exec sleep 1000'\n";

    public IReadOnlyList<int> Pids { get; private set; } = [];

    /// <summary>Waits (up to 60 s) until the script has written <paramref name="count"/> pids.</summary>
    public async Task<IReadOnlyList<int>> WaitForAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 600; i++)
        {
            var lines = File.Exists(pidFile) ? (await File.ReadAllLinesAsync(pidFile, cancellationToken)).Where(l => l.Length > 0).ToList() : [];
            if (lines.Count >= count)
            {
                Pids = [.. lines.Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
                return Pids;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"the build script did not write {count} pids to {pidFile} within 60 s");
    }

    public IReadOnlyList<int> Running() => [.. Pids.Where(ProcessGroup.IsRunning)];

    /// <summary>Waits up to <paramref name="timeout"/> for the given processes to end; returns those still running.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilEndedAsync(IReadOnlyList<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(ProcessGroup.IsRunning) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        return [.. pids.Where(ProcessGroup.IsRunning)];
    }

    public void Dispose()
    {
        foreach (var pid in Running())
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // It ended on its own meanwhile.
            }
        }
    }
}

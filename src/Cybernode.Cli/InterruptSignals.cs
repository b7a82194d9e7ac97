using System.Runtime.InteropServices;
using Cybernode.Providers;
using Cybernode.Providers.Processes;

namespace Cybernode.Cli;

/// <summary>
/// SIGINT and SIGTERM cancel the running command, which then stops what it started (a build
/// script's whole process group, an engine's container) and exits as a shell reports the signal:
/// 130 for SIGINT, 143 for SIGTERM. Ctrl-C is answered at once with what is being stopped, since a
/// container's graceful stop takes seconds. A second signal forces: the build containers still
/// running are killed and removed, then every program cybernode started, and cybernode exits.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    /// <summary>How long a forced exit waits for the engines to remove their containers.</summary>
    private static readonly TimeSpan ForceLimit = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signal;
    private int _forced;

    public InterruptSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;

    public int ExitCode => _signal == (int)PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0) == 0)
        {
            if (context.Signal == PosixSignal.SIGINT)
            {
                Console.Error.WriteLine($"cybernode: stopping{Containers(BuildContainers.Count)}... (Ctrl-C again to force)");
            }

            _cancel.Cancel();
        }
        else if (Interlocked.Exchange(ref _forced, 1) == 0)
        {
            // Off the signal thread: removing containers means waiting for engine commands.
            _ = Task.Run(ForceExitAsync);
        }
    }

    private async Task ForceExitAsync()
    {
        Console.Error.WriteLine($"cybernode: forced: killing{Containers(BuildContainers.Count)}");
        await Task.WhenAny(BuildContainers.ForceRemoveAllAsync(), Task.Delay(ForceLimit));
        ProcessRunner.KillAll();
        Environment.Exit(ExitCode);
    }

    private static string Containers(int count) => count switch
    {
        0 => "",
        1 => " 1 build container",
        _ => $" {count} build containers",
    };
}

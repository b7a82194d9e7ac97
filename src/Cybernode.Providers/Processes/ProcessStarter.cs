using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cybernode.Providers.Processes;

/// <summary>
/// Starts every child process from one thread that lives as long as cybernode. A parent-death
/// signal (PR_SET_PDEATHSIG, set by the launcher) fires when the *thread* that forked the child
/// ends, not the process: started from a thread-pool thread that later retires, a build script
/// would be killed in the middle of its work.
/// </summary>
internal static class ProcessStarter
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = CreateStarter();

    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        return started.Task;
    }

    private static BlockingCollection<(Process, TaskCompletionSource)> CreateStarter()
    {
        var requests = new BlockingCollection<(Process, TaskCompletionSource)>();
        new Thread(() => Serve(requests)) { IsBackground = true, Name = "cybernode process starter" }.Start();
        return requests;
    }

    private static void Serve(BlockingCollection<(Process, TaskCompletionSource)> requests)
    {
        foreach (var (process, started) in requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}

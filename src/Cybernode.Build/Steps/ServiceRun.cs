using System.Diagnostics;
using Cybernode.Build.Locking;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Steps;

/// <summary>
/// One service in one build: its lock and its log, taken by its first step that runs and kept
/// until its last is done (another build of the workspace never empties its bin/ or log halfway
/// through this one), and what its steps made.
/// </summary>
public sealed class ServiceRun(Service service, BuildSession session) : IDisposable
{
    private readonly SemaphoreSlim _holding = new(1, 1);
    private readonly Stopwatch _clock = new();
    private ServiceLock? _lock;
    private ServiceLog? _log;

    public Service Service { get; } = service;

    public BuildSession Session { get; } = session;

    public string LogPath => ServiceLog.PathOf(Session.LogFolder, Service.Name);

    /// <summary>Set by the run image step.</summary>
    public TaggedImage? Image { get; set; }

    /// <summary>The image's other full names, tag templates filled in; set by the run image step.</summary>
    public IReadOnlyList<string> ExtraNames { get; set; } = [];

    /// <summary>The run image's config and layers as stored; set by the run image step.</summary>
    public long? Size { get; set; }

    /// <summary>From taking the lock until now.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public ServiceLock Lock => _lock ?? throw new InvalidOperationException($"{Service.Name}'s steps run holding its lock");

    public StepLog LogFor(StepId step) => (_log ?? throw new InvalidOperationException($"{Service.Name}'s log opens with its lock")).For(step);

    /// <summary>
    /// Takes the service's lock (waiting for another build of it, or refusing with --no-wait),
    /// stops what a killed build left running, and starts the log; once, for the first step.
    /// Called holding no job slot.
    /// </summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        await _holding.WaitAsync(cancellationToken);
        try
        {
            if (_lock is not null)
            {
                return;
            }

            var name = Service.Name;
            var events = Session.Events;
            var held = await ServiceLock.AcquireAsync(Session.Workspace.Root, name, wait: !Session.Options.NoWait,
                () => events.Report(new ServiceNotice(name, $"waiting for another build of {name}")), cancellationToken);
            _clock.Start();
            _lock = held;
            if (await held.EndStaleGroupAsync() is { } stale)
            {
                events.Report(new ServiceNotice(name, $"stopped what a killed build of {name} left running (process group {stale.Id})"));
            }

            _log = new ServiceLog(Session.LogFolder, name, events);
        }
        finally
        {
            _holding.Release();
        }
    }

    /// <summary>Lets go of the log and the lock: the service's steps are all done.</summary>
    public void Dispose()
    {
        _clock.Stop();
        _log?.Dispose();
        _log = null;
        _lock?.Dispose();
        _lock = null;
    }
}

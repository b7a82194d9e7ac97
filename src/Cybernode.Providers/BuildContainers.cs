using System.Collections.Concurrent;

namespace Cybernode.Providers;

/// <summary>
/// The build containers this process has running, so an interrupt can say at once how many it is
/// stopping and, on a second one, remove them by force instead of waiting out their graceful stop.
/// </summary>
public static class BuildContainers
{
    private static readonly ConcurrentDictionary<long, Func<Task>> Running = new();
    private static long _lastId;

    public static int Count => Running.Count;

    /// <summary>Counts a container as running until the handle is disposed.</summary>
    /// <param name="forceRemove">Kills and removes the container at once; must not throw.</param>
    public static IDisposable Track(Func<Task> forceRemove)
    {
        var id = Interlocked.Increment(ref _lastId);
        Running[id] = forceRemove;
        return new Tracked(id);
    }

    /// <summary>Kills and removes every running build container, all at once.</summary>
    public static Task ForceRemoveAllAsync() => Task.WhenAll(Running.Values.Select(remove => remove()));

    private sealed class Tracked(long id) : IDisposable
    {
        public void Dispose() => Running.TryRemove(id, out _);
    }
}

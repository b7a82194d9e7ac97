using System.Collections.Concurrent;
using Cybernode.Build.Reporting.Events;

namespace Cybernode.Build.Tests.Fixtures;

/// <summary>Keeps every build event, in the order they came, for tests to read.</summary>
public sealed class RecordedEvents : IBuildEvents
{
    private readonly ConcurrentQueue<BuildEvent> _events = new();

    public IReadOnlyList<BuildEvent> All => [.. _events];

    public void Report(BuildEvent buildEvent) => _events.Enqueue(buildEvent);
}

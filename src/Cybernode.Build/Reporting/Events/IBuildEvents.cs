namespace Cybernode.Build.Reporting.Events;

/// <summary>
/// Where a build tells what happens, as typed events in the order they happen: the live terminal
/// view, the plain line stream, --progress json and the tests all read the same events. Called
/// from several steps at once.
/// </summary>
public interface IBuildEvents
{
    void Report(BuildEvent buildEvent);
}

namespace Cybernode.Build.Reporting.Events;

/// <summary>Gives every event to each of several readers, in the order given (the console view, a report being gathered).</summary>
public sealed class EventFanOut(params IBuildEvents[] readers) : IBuildEvents
{
    public void Report(BuildEvent buildEvent)
    {
        foreach (var reader in readers)
        {
            reader.Report(buildEvent);
        }
    }
}

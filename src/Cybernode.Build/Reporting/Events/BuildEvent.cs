namespace Cybernode.Build.Reporting.Events;

/// <summary>Something that happened in a build, stamped when it happened.</summary>
public abstract record BuildEvent
{
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;
}

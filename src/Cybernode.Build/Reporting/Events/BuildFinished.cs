namespace Cybernode.Build.Reporting.Events;

public sealed record BuildFinished(IReadOnlyList<ServiceResult> Results, TimeSpan Duration) : BuildEvent;

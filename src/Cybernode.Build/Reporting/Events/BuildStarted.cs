namespace Cybernode.Build.Reporting.Events;

/// <summary>The build's graph is known: these services, in build order, in this many steps (the N/M of progress).</summary>
public sealed record BuildStarted(IReadOnlyList<string> Services, int Steps) : BuildEvent;

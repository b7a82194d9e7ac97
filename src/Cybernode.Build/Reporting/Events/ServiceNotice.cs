namespace Cybernode.Build.Reporting.Events;

/// <summary>Something people should know about a service that is not a step: waiting for another build's lock, a killed build's processes stopped.</summary>
public sealed record ServiceNotice(string Service, string Message) : BuildEvent;

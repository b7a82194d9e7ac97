namespace Cybernode.Build.Reporting.Events;

public sealed record ServiceFinished(ServiceResult Result) : BuildEvent;

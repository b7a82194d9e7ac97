using Cybernode.Build.Steps;

namespace Cybernode.Build.Reporting.Events;

/// <summary>A running step has written <see cref="Bytes"/> so far.</summary>
public sealed record StepProgressed(StepId Step, long Bytes) : BuildEvent;

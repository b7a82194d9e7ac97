using Cybernode.Build.Steps;

namespace Cybernode.Build.Reporting.Events;

/// <summary>One line a step printed; it is in the service's log too.</summary>
public sealed record StepOutput(StepId Step, string Line, OutputOrigin Origin) : BuildEvent;

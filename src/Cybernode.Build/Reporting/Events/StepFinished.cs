using Cybernode.Build.Steps;

namespace Cybernode.Build.Reporting.Events;

public sealed record StepFinished(StepId Step, StepOutcome Outcome, TimeSpan Duration) : BuildEvent;

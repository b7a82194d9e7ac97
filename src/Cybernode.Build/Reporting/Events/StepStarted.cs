using Cybernode.Build.Steps;

namespace Cybernode.Build.Reporting.Events;

public sealed record StepStarted(StepId Step, string Title) : BuildEvent;

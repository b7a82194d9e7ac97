namespace Cybernode.Build.Steps;

/// <summary>One step of a <see cref="BuildGraph"/> before it is given a body: which it is and what it needs.</summary>
public sealed record StepSpec(StepId Id, IReadOnlyList<StepId> Needs);

namespace Cybernode.Build.Steps;

/// <summary>One step of one service: at most one of each kind per service.</summary>
public readonly record struct StepId(string Service, StepKind Kind)
{
    public override string ToString() => $"{Service}/{Kind}";
}

namespace Cybernode.Build.Planning;

/// <summary>A service needing another's image (or to come after it), and the line that says so.</summary>
public sealed record ServiceDependency(string Service, string DependsOn, string File, int Line)
{
    public DependencyKind Kind { get; init; } = DependencyKind.From;
}

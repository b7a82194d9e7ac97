namespace Cybernode.Build.Planning;

/// <summary>What makes a service need another: a FROM, a COPY --from, or cybernode.yaml's <c>build_after:</c>.</summary>
public enum DependencyKind
{
    From,
    CopyFrom,
    BuildAfter,
}

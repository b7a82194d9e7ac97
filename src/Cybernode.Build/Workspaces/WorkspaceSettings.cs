namespace Cybernode.Build.Workspaces;

/// <summary>What <c>cybernode.yaml</c> at a workspace root may say.</summary>
public sealed record WorkspaceSettings(string Namespace)
{
    public const string DefaultNamespace = "cybernode";

    public static WorkspaceSettings Default { get; } = new(DefaultNamespace);
}

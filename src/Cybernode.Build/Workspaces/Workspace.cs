namespace Cybernode.Build.Workspaces;

public sealed record Workspace(string Root, WorkspaceSettings Settings, IReadOnlyList<Service> Services)
{
    /// <summary>Folders with a Dockerfile whose path makes no valid service name; each fails on its own.</summary>
    public IReadOnlyList<RejectedService> Rejected { get; init; } = [];

    /// <summary>Full paths of the folders below the root that are workspaces of their own, left out of this one.</summary>
    public IReadOnlyList<string> Nested { get; init; } = [];

    /// <summary>Folders that look like services but are not built, each with the reason and a hint.</summary>
    public IReadOnlyList<UserError> Warnings { get; init; } = [];

    public string DefaultStorePath => WorkspaceMarkers.StorePath(Root);

    public Service? FindService(string nameOrPath)
    {
        var asName = Service.NameFor(nameOrPath);
        return Services.FirstOrDefault(s => s.Name == nameOrPath || s.Name == asName);
    }
}

namespace Cybernode.Build.Workspaces;

public sealed record Workspace(string Root, WorkspaceSettings Settings, IReadOnlyList<Service> Services)
{
    /// <summary>Folders with a Dockerfile whose path makes no valid service name; each fails on its own.</summary>
    public IReadOnlyList<RejectedService> Rejected { get; init; } = [];

    public string DefaultStorePath => Path.Combine(Root, ".cybernode", "store");

    public Service? FindService(string nameOrPath)
    {
        var asName = Service.NameFor(nameOrPath);
        return Services.FirstOrDefault(s => s.Name == nameOrPath || s.Name == asName);
    }
}

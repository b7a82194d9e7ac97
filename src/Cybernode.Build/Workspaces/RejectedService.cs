using Cybernode.Build.Reporting;

namespace Cybernode.Build.Workspaces;

/// <summary>
/// A folder with a Dockerfile whose path makes no valid image name. It fails on its own, as a
/// service whose build failed, and never stops the rest of the workspace.
/// </summary>
public sealed record RejectedService(string Name, string RelativePath, string Folder, UserError Error)
{
    /// <summary>True when a SERVICE given on the command line means this folder.</summary>
    public bool IsNamedBy(string wanted) => wanted == Name || Service.NameFor(wanted) == Name;

    /// <summary>The name as it may be shown: the folder's name can hold a newline or an ESC.</summary>
    public string DisplayName => ReadableText.SingleLine(Name);

    public ServiceResult ToResult() => new(DisplayName, "", ServiceStatus.Failed, Error: Error.Describe());
}

using Cybernode.Providers.Planning;

namespace Cybernode.Build.Workspaces;

/// <summary>
/// What <c>cybernode build [FOLDER|SERVICE] [SERVICE...]</c> means. The workspace is found from the
/// folder the way git finds a repository (<see cref="WorkspaceMarkers"/>); standing in a service
/// folder picks that service, in a group folder the services below it, at the root all of them.
/// A first word that names no folder is a service name of the workspace found from the working folder.
/// </summary>
/// <param name="Services">The service names to build (with what they need); empty means all.</param>
/// <param name="Rejected">Folders of the selection whose path makes no valid name: each fails on its own.</param>
/// <param name="NothingElse">True when nothing but <paramref name="Rejected"/> was picked.</param>
public sealed record WorkspaceSelection(Workspace Workspace, IReadOnlyList<string> Services, IReadOnlyList<RejectedService> Rejected, bool NothingElse)
{
    public static WorkspaceSelection Resolve(string? argument, IReadOnlyList<string> names, string workingDirectory)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument ?? ".", workingDirectory));
        if (argument is not null && !Directory.Exists(folder) && !File.Exists(folder) && !IsPlainlyPath(argument))
        {
            return ServiceNamed(argument, folder, names, workingDirectory);
        }

        // A file goes to the loader as it is, which says it is no folder.
        var workspace = WorkspaceLoader.Load(Directory.Exists(folder) ? WorkspaceMarkers.FindRoot(folder) : folder);
        if (names.Count > 0)
        {
            return Pick(workspace, [.. names.Select(name => NameFrom(workspace, folder, name))]);
        }

        return folder == workspace.Root ? Everything(workspace) : Below(workspace, folder);
    }

    /// <summary>
    /// The error for a folder with no services of its own whose subfolders are workspaces: they are
    /// never merged into it, so the user is shown them to build one by one.
    /// </summary>
    public static UserError SeparateWorkspaces(string folder, IReadOnlyList<string> nested)
    {
        var shown = nested.Select(path => ShownPath.From(Environment.CurrentDirectory, path)).ToList();
        return new UserError(
            $"{folder} has no services of its own; the folders below it are separate workspaces (each has its own {WorkspaceSettingsReader.FileName} or {WorkspaceMarkers.StateFolderName}/): {string.Join(", ", shown)}",
            hint: $"build one of them, e.g. cybernode build {shown[0]}");
    }

    private static WorkspaceSelection ServiceNamed(string argument, string asFolder, IReadOnlyList<string> names, string workingDirectory)
    {
        var root = WorkspaceMarkers.FindRoot(workingDirectory);
        Workspace? workspace;
        try
        {
            workspace = WorkspaceLoader.Load(root);
        }
        catch (UserError)
        {
            workspace = null;
        }

        if (workspace is null || (workspace.FindService(argument) is null && !workspace.Rejected.Any(r => r.IsNamedBy(argument))))
        {
            var services = workspace is null ? "" : $"; its services: {string.Join(", ", workspace.Services.Select(s => s.Name))}";
            throw new UserError($"workspace folder {asFolder} does not exist, and the workspace {root} has no service '{argument}'",
                hint: $"give a workspace folder, or a service name inside a workspace{services}");
        }

        return Pick(workspace, [argument, .. names]);
    }

    /// <summary>A SERVICE word: a service name or path of the workspace, or a folder path relative to the folder given.</summary>
    private static string NameFrom(Workspace workspace, string folder, string name)
    {
        if (workspace.FindService(name) is not null || workspace.Rejected.Any(r => r.IsNamedBy(name)))
        {
            return name;
        }

        var relative = Path.GetRelativePath(workspace.Root, Path.Combine(folder, name));
        return workspace.FindService(relative)?.Name ?? name;
    }

    private static WorkspaceSelection Pick(Workspace workspace, IReadOnlyList<string> wanted)
    {
        var rejected = workspace.Rejected.Where(r => wanted.Any(r.IsNamedBy)).ToList();
        var rest = wanted.Where(w => !rejected.Any(r => r.IsNamedBy(w))).ToList();
        return new WorkspaceSelection(workspace, rest, rejected, rest.Count == 0);
    }

    private static WorkspaceSelection Everything(Workspace workspace) =>
        new(workspace, [], workspace.Rejected, workspace.Services.Count == 0);

    private static WorkspaceSelection Below(Workspace workspace, string folder)
    {
        var services = workspace.Services.Where(s => IsAtOrBelow(s.Folder, folder)).Select(s => s.Name).ToList();
        var rejected = workspace.Rejected.Where(r => IsAtOrBelow(r.Folder, folder)).ToList();
        if (services.Count > 0 || rejected.Count > 0)
        {
            return new WorkspaceSelection(workspace, services, rejected, services.Count == 0);
        }

        // Inside a service's own folder (its src/, its bin/): that service.
        if (workspace.Services.FirstOrDefault(s => IsAtOrBelow(folder, s.Folder)) is { } around)
        {
            return new WorkspaceSelection(workspace, [around.Name], [], false);
        }

        var nested = workspace.Nested.Where(n => IsAtOrBelow(n, folder)).ToList();
        if (nested.Count > 0)
        {
            throw SeparateWorkspaces(folder, nested);
        }

        throw new UserError($"no services in {folder}, a folder of the workspace {workspace.Root}",
            hint: $"its services: {string.Join(", ", workspace.Services.Select(s => s.Name))}; build one by name or from its folder");
    }

    // An absolute or ./ ../ ~ path is never a service name: it fails as a missing folder without
    // the working folder being searched for services.
    private static bool IsPlainlyPath(string argument) =>
        Path.IsPathRooted(argument) || argument.StartsWith('.') || argument.StartsWith('~');

    private static bool IsAtOrBelow(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

namespace Cybernode.Build.Workspaces;

/// <summary>
/// Finds the services of a workspace: every folder below its root that holds a Dockerfile, except
/// inside a folder that is a workspace of its own (<see cref="WorkspaceMarkers"/>).
/// </summary>
public static class WorkspaceLoader
{
    public static Workspace Load(string path)
    {
        var root = Path.GetFullPath(path);
        if (File.Exists(root))
        {
            throw NotAFolder(root);
        }

        if (!Directory.Exists(root))
        {
            throw new UserError($"workspace folder {root} does not exist", hint: "give the folder that holds your services, e.g. cybernode build examples/cluster");
        }

        var settings = WorkspaceSettingsReader.Read(root);
        var found = new Found();
        Collect(root, root, settings, found);
        var services = found.Services;
        if (services.Count == 0 && found.Rejected.Count == 0)
        {
            if (found.Nested.Count > 0)
            {
                throw WorkspaceSelection.SeparateWorkspaces(root, found.Nested);
            }

            throw new UserError($"no services in {root}: no folder below it holds a {Service.RunDockerfileName}",
                hint: found.Warnings.Count > 0 ? found.Warnings[0].Message : "a service is a folder with a Dockerfile (and usually 01build.sh)");
        }

        var clash = services.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new UserError($"folders {string.Join(" and ", clash.Select(s => s.RelativePath))} both make the service name '{clash.Key}'",
                hint: "rename one of the folders");
        }

        var unknown = settings.Services.FirstOrDefault(entry => services.All(s => s.Name != entry.Key));
        if (unknown.Value is not null)
        {
            throw new UserError($"cybernode.yaml names a service '{unknown.Key}' that the workspace does not have", settings.File, unknown.Value.Line,
                $"services: {string.Join(", ", services.Select(s => s.Name).Order(StringComparer.Ordinal))}");
        }

        return new Workspace(root, settings, services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList())
        {
            Rejected = found.Rejected,
            Nested = found.Nested,
            Warnings = found.Warnings,
        };
    }

    private static void Collect(string root, string folder, WorkspaceSettings settings, Found found)
    {
        var relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
        if (folder == root)
        {
            WarnIfRootHoldsDockerfile(root, found.Warnings);
        }
        else if (File.Exists(Path.Combine(folder, Service.RunDockerfileName)))
        {
            var name = Service.NameFor(relative);
            if (ServiceNames.Check(name, relative, folder, settings.Namespace) is { } problem)
            {
                found.Rejected.Add(new RejectedService(name, relative, folder, problem));
            }
            else
            {
                found.Services.Add(new Service(name, relative, folder, settings.Namespace));
            }
        }
        else if (BuildFilesWithoutDockerfile(folder) is { } buildFiles)
        {
            found.Warnings.Add(new UserError(
                $"{relative} has {buildFiles} but no {Service.RunDockerfileName}, so it is not a service and is not built", folder,
                hint: $"add a {Service.RunDockerfileName} for its run image (e.g. FROM scratch, then ADD bin/* /app/)"));
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(child);
            if (!Directory.Exists(child))
            {
                // A name that is not UTF-8 comes back with U+FFFD in it and names no folder any more.
                var childPath = Path.GetRelativePath(root, child).Replace('\\', '/');
                found.Rejected.Add(new RejectedService(Service.NameFor(childPath), childPath, child, new UserError(
                    $"the folder {ReadableText.Quote(childPath)} has a name that is not valid UTF-8; cybernode cannot open it", child,
                    hint: $"rename the folder; {ServiceNames.Rule}")));
                continue;
            }

            if (!WorkspaceMarkers.IsSearched(name))
            {
                continue;
            }

            if (new DirectoryInfo(child).LinkTarget is not null)
            {
                WarnIfLinkHoldsDockerfile(root, child, found.Warnings);
            }
            else if (WorkspaceMarkers.IsMarked(child))
            {
                // Its own cybernode.yaml (or store) makes it a workspace of its own, with its own
                // namespace and names: merging it here would build its services under other names.
                found.Nested.Add(child);
                WarnOfNestedWorkspace(root, child, found.Warnings);
            }
            else
            {
                Collect(root, child, settings, found);
            }
        }
    }

    /// <summary>"Dockerfile-build and 01build.sh" when a folder holds build files but no run Dockerfile; else null.</summary>
    private static string? BuildFilesWithoutDockerfile(string folder)
    {
        string[] present = [.. new[] { Service.BuildDockerfileName, Service.BuildScriptName }.Where(name => File.Exists(Path.Combine(folder, name)))];
        return present.Length == 0 ? null : string.Join(" and ", present);
    }

    private static void WarnIfRootHoldsDockerfile(string root, List<UserError> warnings)
    {
        if (File.Exists(Path.Combine(root, Service.RunDockerfileName)))
        {
            warnings.Add(new UserError(
                $"the workspace root holds a {Service.RunDockerfileName}; only folders below the root are services, so it is not built",
                Path.Combine(root, Service.RunDockerfileName),
                hint: "move it into a folder of its own (the folder's path names the service)"));
        }
    }

    private static void WarnOfNestedWorkspace(string root, string nested, List<UserError> warnings)
    {
        var relative = Path.GetRelativePath(root, nested).Replace('\\', '/');
        var marks = string.Join(" and ", WorkspaceMarkers.MarksOf(nested));
        warnings.Add(new UserError(
            $"{relative} is a workspace of its own (it holds {marks}), so its services are not part of this workspace", nested,
            hint: $"build it from its folder; if it belongs to this workspace, remove its {marks}"));
    }

    private static void WarnIfLinkHoldsDockerfile(string root, string link, List<UserError> warnings)
    {
        if (File.Exists(Path.Combine(link, Service.RunDockerfileName)))
        {
            var relative = Path.GetRelativePath(root, link).Replace('\\', '/');
            warnings.Add(new UserError(
                $"{relative} is a symbolic link to a folder with a {Service.RunDockerfileName}; cybernode does not follow links, so it is not built", link,
                hint: "put the service's folder itself into the workspace"));
        }
    }

    // `cybernode build app/Dockerfile`: the file says which service was meant, so the hint names its folder.
    private static UserError NotAFolder(string file)
    {
        var name = Path.GetFileName(file);
        var hint = name is Service.RunDockerfileName or Service.BuildDockerfileName or Service.BuildScriptName
            ? $"to build the service in that folder: cybernode build {Path.GetDirectoryName(file)}"
            : "give the workspace folder, or a service's folder";
        return new UserError("is a file; build takes a workspace folder or a service's folder", file, hint: hint);
    }

    private sealed class Found
    {
        public List<Service> Services { get; } = [];

        public List<RejectedService> Rejected { get; } = [];

        public List<string> Nested { get; } = [];

        public List<UserError> Warnings { get; } = [];
    }
}

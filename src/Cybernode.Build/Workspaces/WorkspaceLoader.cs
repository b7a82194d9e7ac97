namespace Cybernode.Build.Workspaces;

/// <summary>Finds the services of a workspace: every folder below its root that holds a Dockerfile.</summary>
public static class WorkspaceLoader
{
    // Folders that hold build products or tool state, never services.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", ".cybernode", "bin", "obj", "node_modules" };

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
        var services = new List<Service>();
        var rejected = new List<RejectedService>();
        Collect(root, root, settings, services, rejected);
        if (services.Count == 0 && rejected.Count == 0)
        {
            throw new UserError($"no services in {root}: no folder below it holds a {Service.RunDockerfileName}",
                hint: "a service is a folder with a Dockerfile (and usually 01build.sh)");
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
            Rejected = rejected,
        };
    }

    private static void Collect(string root, string folder, WorkspaceSettings settings, List<Service> services, List<RejectedService> rejected)
    {
        if (folder != root && File.Exists(Path.Combine(folder, Service.RunDockerfileName)))
        {
            var relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
            var name = Service.NameFor(relative);
            if (ServiceNames.Check(name, relative, folder, settings.Namespace) is { } problem)
            {
                rejected.Add(new RejectedService(name, relative, folder, problem));
            }
            else
            {
                services.Add(new Service(name, relative, folder, settings.Namespace));
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(child);
            if (!Directory.Exists(child))
            {
                // A name that is not UTF-8 comes back with U+FFFD in it and names no folder any more.
                var relative = Path.GetRelativePath(root, child).Replace('\\', '/');
                rejected.Add(new RejectedService(Service.NameFor(relative), relative, child, new UserError(
                    $"the folder {ReadableText.Quote(relative)} has a name that is not valid UTF-8; cybernode cannot open it", child,
                    hint: $"rename the folder; {ServiceNames.Rule}")));
                continue;
            }

            var isLink = new DirectoryInfo(child).LinkTarget is not null;
            if (!SkippedFolders.Contains(name) && !isLink)
            {
                Collect(root, child, settings, services, rejected);
            }
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
}

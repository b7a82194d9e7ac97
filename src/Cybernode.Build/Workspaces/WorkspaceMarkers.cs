namespace Cybernode.Build.Workspaces;

/// <summary>
/// Finds workspaces the way git finds a repository: a folder holding <c>cybernode.yaml</c> or
/// <c>.cybernode/</c> is a workspace root, found by walking up from where the user stands.
/// </summary>
public static class WorkspaceMarkers
{
    public const string StateFolderName = ".cybernode";

    // A search below the working folder for workspaces stops here, so that `images` in / or $HOME
    // answers at once instead of walking a whole disk.
    private const int MaxSearchDepth = 4;
    private const int MaxSearchFolders = 5000;

    // Folders that hold build products or tool state, never services or workspaces.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", StateFolderName, "bin", "obj", "node_modules" };

    /// <summary>True when <paramref name="folder"/> is a workspace root by its own marks.</summary>
    public static bool IsMarked(string folder) => MarksOf(folder).Count > 0;

    /// <summary>Which marks <paramref name="folder"/> holds: <c>cybernode.yaml</c>, <c>.cybernode/</c>, both or none.</summary>
    public static IReadOnlyList<string> MarksOf(string folder)
    {
        var marks = new List<string>(2);
        if (File.Exists(Path.Combine(folder, WorkspaceSettingsReader.FileName)))
        {
            marks.Add(WorkspaceSettingsReader.FileName);
        }

        if (Directory.Exists(Path.Combine(folder, StateFolderName)))
        {
            marks.Add(StateFolderName + "/");
        }

        return marks;
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that is marked; else <paramref name="start"/> itself.</summary>
    public static string FindRoot(string start)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(start));
        for (var folder = full; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (IsMarked(folder))
            {
                return folder;
            }
        }

        return full;
    }

    /// <summary>The store a workspace uses unless told otherwise.</summary>
    public static string StorePath(string root) => Path.Combine(root, StateFolderName, "store");

    /// <summary>Whether the loader and searches walk into a child folder named so.</summary>
    public static bool IsSearched(string childName) => !SkippedFolders.Contains(childName);

    /// <summary>
    /// The workspaces below <paramref name="folder"/> (not itself), nearest first, without looking
    /// inside one once found; <paramref name="accept"/> filters them (e.g. those with a store).
    /// </summary>
    public static IReadOnlyList<string> FindBelow(string folder, Func<string, bool> accept)
    {
        var found = new List<string>();
        var queue = new Queue<(string Path, int Depth)>();
        queue.Enqueue((Path.GetFullPath(folder), 0));
        var visited = 0;
        while (queue.Count > 0 && visited++ < MaxSearchFolders)
        {
            var (current, depth) = queue.Dequeue();
            foreach (var child in ChildFolders(current))
            {
                if (IsMarked(child))
                {
                    if (accept(child))
                    {
                        found.Add(child);
                    }
                }
                else if (depth + 1 < MaxSearchDepth)
                {
                    queue.Enqueue((child, depth + 1));
                }
            }
        }

        return found;
    }

    private static List<string> ChildFolders(string folder)
    {
        try
        {
            return Directory.EnumerateDirectories(folder)
                .Where(child => IsSearched(Path.GetFileName(child)) && new DirectoryInfo(child).LinkTarget is null)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A folder the user cannot read holds no workspace they meant.
            return [];
        }
    }
}

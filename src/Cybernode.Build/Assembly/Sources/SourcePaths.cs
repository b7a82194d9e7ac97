namespace Cybernode.Build.Assembly.Sources;

/// <summary>Path arithmetic on the forward-slash paths used inside images and contexts.</summary>
public static class SourcePaths
{
    /// <summary>
    /// Cleans a path as Go's path.Clean does, relative to a root: "." segments dropped, ".." folded.
    /// Returns null when ".." climbs above the root.
    /// </summary>
    public static string? CleanRelative(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>An absolute image path, cleaned; ".." above the root stays at the root as in a container.</summary>
    public static string CleanAbsolute(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    public static string Combine(string folder, string name) => folder.EndsWith('/') ? folder + name : $"{folder}/{name}";

    public static string FileName(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>A relative image path's folder ("" at the top) and last name.</summary>
    public static (string Parent, string Name) Split(string path)
    {
        var name = FileName(path);
        var trimmed = path.TrimEnd('/');
        return (trimmed.Length > name.Length ? trimmed[..(trimmed.Length - name.Length - 1)] : "", name);
    }

    /// <summary>A relative image path below a folder ("" is the top).</summary>
    public static string Below(string parent, string name) => parent.Length == 0 ? name : $"{parent}/{name}";
}

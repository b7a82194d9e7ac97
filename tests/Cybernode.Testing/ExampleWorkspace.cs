namespace Cybernode.Testing;

/// <summary>The example workspaces under examples/, which tests only ever build from a copy.</summary>
public static class ExampleWorkspace
{
    /// <summary>Copies <paramref name="source"/> (without any bin/ or .cybernode/ build output, modes kept) to <paramref name="destination"/>; returns it.</summary>
    public static string CopyTo(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or ".cybernode"))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }
}

namespace Cybernode.Providers.Processes;

internal static class ExecutableLocator
{
    /// <summary>
    /// Finds a program the way a shell would: a name with a slash is taken as a path, a bare name
    /// is looked up on <paramref name="searchPath"/>. Returns null when there is no executable file.
    /// </summary>
    public static string? Find(string program, string? searchPath)
    {
        if (program.Contains('/'))
        {
            return IsExecutableFile(program) ? Path.GetFullPath(program) : null;
        }

        foreach (var folder in (searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}

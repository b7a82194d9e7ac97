namespace Cybernode.Providers.Engines;

internal static class SeLinux
{
    /// <summary>Where SELinux enforces, a bind mount needs :z or the container cannot write to it.</summary>
    public static bool IsEnforcing { get; } = ReadEnforcing();

    private static bool ReadEnforcing()
    {
        try
        {
            return File.ReadAllText("/sys/fs/selinux/enforce").Trim() == "1";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

namespace Cybernode.Testing;

/// <summary>
/// Finds the external tools tests drive. A missing tool skips the test on a developer's machine,
/// but fails it when CI is set (to anything but "false" or "0"), so CI can never go green by
/// skipping everything.
/// </summary>
public static class RequiredTool
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/sbin"];

    public static bool IsCi => MeansCi(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Whether a value of CI asks for CI's strictness: set, and not "false" or "0".</summary>
    public static bool MeansCi(string? value) => value is { Length: > 0 } and not "false" and not "0";

    /// <summary>The absolute path of <paramref name="program"/> on PATH (or in sbin).</summary>
    public static string Find(string program, string debianPackage)
    {
        var path = TryFind(program);
        if (path is null)
        {
            Require(NotInstalled($"`{program}`", debianPackage));
        }

        return path!;
    }

    /// <summary>The absolute path of <paramref name="program"/> on PATH (or in sbin), or null when it is not installed.</summary>
    public static string? TryFind(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Returns <paramref name="path"/> when it exists (file or folder).</summary>
    public static string FindFile(string path, string debianPackage)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Require(NotInstalled(path, debianPackage));
        }

        return path;
    }

    /// <summary>Returns <paramref name="path"/> when that folder of data beside the repository exists (e.g. ../shared/conformance).</summary>
    public static string SharedData(string path)
    {
        if (!Directory.Exists(path))
        {
            Require($"{path} is missing: it lives in ../shared beside the repository clone");
        }

        return path;
    }

    /// <summary>The value of the environment variable <paramref name="name"/>, which whatever runs the tests sets.</summary>
    public static string Variable(string name, string setBy)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            Require($"${name} is not set: {setBy}");
        }

        return value!;
    }

    /// <summary>Skips (or under CI fails) the calling test when <paramref name="reason"/> (why it cannot run here) is not null.</summary>
    public static void Require(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{reason}; CI is set, so this cannot be skipped");
        }

        Assert.Skip(reason);
    }

    private static string NotInstalled(string what, string debianPackage) =>
        $"{what} is missing: install the Debian package {debianPackage} (./run-tests does)";
}

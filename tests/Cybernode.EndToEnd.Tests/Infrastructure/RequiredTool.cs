namespace Cybernode.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Finds the external tools end-to-end tests drive. A missing tool skips the test on a developer's
/// machine, but fails it when CI is set, so CI can never go green by skipping everything.
/// </summary>
public static class RequiredTool
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/sbin"];

    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } value && value != "false" && value != "0";

    /// <summary>The absolute path of <paramref name="program"/> on PATH (or in sbin).</summary>
    public static string Find(string program, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            Missing(NotInstalled($"`{program}`", debianPackage));
        }

        return path!;
    }

    /// <summary>Returns <paramref name="path"/> when it exists (file or folder).</summary>
    public static string FindFile(string path, string debianPackage)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Missing(NotInstalled(path, debianPackage));
        }

        return path;
    }

    /// <summary>Returns <paramref name="path"/> when that folder of data beside the repository exists (e.g. ../shared/conformance).</summary>
    public static string SharedData(string path)
    {
        if (!Directory.Exists(path))
        {
            Missing($"{path} is missing: it lives in ../shared beside the repository clone");
        }

        return path;
    }

    /// <summary>The value of the environment variable <paramref name="name"/>, which whatever runs the tests sets.</summary>
    public static string Variable(string name, string setBy)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            Missing($"${name} is not set: {setBy}");
        }

        return value!;
    }

    private static string NotInstalled(string what, string debianPackage) =>
        $"{what} is missing: install the Debian package {debianPackage} (./run-tests does)";

    private static void Missing(string message)
    {
        if (IsCi)
        {
            Assert.Fail($"{message}; CI is set, so this cannot be skipped");
        }

        Assert.Skip(message);
    }
}

using System.Reflection;

namespace Cybernode.Testing;

/// <summary>Where things are, seen from a test assembly running out of the repository's tests/ folder.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "Cybernode.slnx";

    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The shared notes and conformance data beside the repository; may be missing in a bare clone.</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Examples { get; } = Path.Combine(Root, "examples");

    /// <summary>Release or Debug: the configuration this test assembly was built in, so the CLI under test matches it.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("The test assembly carries no AssemblyConfiguration attribute.");

    public static string CliDll { get; } =
        Path.Combine(Root, "src", "Cybernode.Cli", "bin", Configuration, "net10.0", "cybernode.dll");

    /// <summary>
    /// The native executable `./cybernode` builds, when `./run-tests` names it in CYBERNODE_TEST_CLI:
    /// then the tests run the CLI in the form users run; otherwise the built dll runs under dotnet.
    /// </summary>
    public static string? NativeCli { get; } =
        Environment.GetEnvironmentVariable(NativeCliVariable) is { Length: > 0 } path ? path : null;

    public const string NativeCliVariable = "CYBERNODE_TEST_CLI";

    private static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} in {start} or any folder above it.");
    }
}

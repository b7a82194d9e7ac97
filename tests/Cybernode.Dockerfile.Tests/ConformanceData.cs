namespace Cybernode.Dockerfile.Tests;

/// <summary>
/// Finds BuildKit's conformance files, which live in <c>../shared/conformance/buildkit</c>
/// beside the repository root rather than inside the repository.
/// </summary>
internal static class ConformanceData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string BuildKitDirectory => Path.Combine(Root.Value, "..", "shared", "conformance", "buildkit");

    public static string ParserCases => Path.Combine(BuildKitDirectory, "parser", "testfiles");

    public static string NegativeParserCases => Path.Combine(BuildKitDirectory, "parser", "testfiles-negative");

    public static TheoryData<string> CaseNames(string directory)
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    /// <summary>Every conformance Dockerfile, for tests that only need varied real-world input.</summary>
    public static IReadOnlyList<string> AllDockerfiles() =>
        [.. Directory.GetFiles(Path.Combine(BuildKitDirectory, "parser"), "Dockerfile", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cybernode.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cybernode.slnx not found above " + AppContext.BaseDirectory);
    }
}

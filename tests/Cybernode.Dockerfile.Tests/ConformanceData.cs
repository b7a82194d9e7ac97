namespace Cybernode.Dockerfile.Tests;

/// <summary>
/// Finds BuildKit's conformance files, which live in <c>../shared/conformance/buildkit</c>
/// beside the repository root rather than inside the repository. A clone without them still runs:
/// each conformance test reports itself skipped by name, except under CI, where it fails.
/// </summary>
internal static class ConformanceData
{
    /// <summary>The one theory row given when the data is missing, so the theory shows up skipped by name.</summary>
    public const string Missing = "(../shared/conformance is missing)";

    private static readonly Lazy<string> Root = new(FindRoot);

    public enum Decision
    {
        Run,
        Skip,
        Fail,
    }

    public static string BuildKitDirectory => Path.GetFullPath(Path.Combine(Root.Value, "..", "shared", "conformance", "buildkit"));

    public static string ParserCases => Path.Combine(BuildKitDirectory, "parser", "testfiles");

    public static string NegativeParserCases => Path.Combine(BuildKitDirectory, "parser", "testfiles-negative");

    public static bool IsPresent => Directory.Exists(BuildKitDirectory);

    public static string ShellFile(string name) => Path.Combine(BuildKitDirectory, "shell", name);

    /// <summary>Run with the data; without it skip, unless CI is set (and not "false" or "0"): CI must never go green by skipping.</summary>
    public static Decision Decide(bool present, string? ci) =>
        present ? Decision.Run
        : ci is { Length: > 0 } && ci != "false" && ci != "0" ? Decision.Fail
        : Decision.Skip;

    /// <summary>Called first by every test that reads the conformance data.</summary>
    public static void Require()
    {
        var message = $"BuildKit's conformance data is not at {BuildKitDirectory} (it lives in ../shared beside the repository clone)";
        switch (Decide(IsPresent, Environment.GetEnvironmentVariable("CI")))
        {
            case Decision.Fail:
                Assert.Fail($"{message}; CI is set, so this test cannot be skipped");
                break;
            case Decision.Skip:
                Assert.Skip(message);
                break;
        }
    }

    public static TheoryData<string> CaseNames(string directory)
    {
        var data = new TheoryData<string>();
        if (!IsPresent)
        {
            data.Add(Missing);
            return data;
        }

        foreach (var path in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    /// <summary>Every conformance Dockerfile (none when the data is missing), for tests that only need varied real-world input.</summary>
    public static IReadOnlyList<string> AllDockerfiles() =>
        !IsPresent
            ? []
            : [.. Directory.GetFiles(Path.Combine(BuildKitDirectory, "parser"), "Dockerfile", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllText)];

    /// <summary>The repository's own Dockerfiles (examples, the differential corpus): real input every clone has.</summary>
    public static IReadOnlyList<string> RepositoryDockerfiles() =>
        [.. new[] { "examples", Path.Combine("tests", "Cybernode.Differential.Tests", "Cases") }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Root.Value, folder), "Dockerfile*", SearchOption.AllDirectories))
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

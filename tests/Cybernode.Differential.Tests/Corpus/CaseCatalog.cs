
namespace Cybernode.Differential.Tests.Corpus;

/// <summary>The corpus: every folder under Cases/ in the source tree, by name.</summary>
public static class CaseCatalog
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "Cybernode.Differential.Tests", "Cases");

    public static IReadOnlyList<DifferentialCase> All { get; } = Directory.EnumerateDirectories(Folder)
        .Order(StringComparer.Ordinal)
        .Select(folder => new DifferentialCase(Path.GetFileName(folder), folder))
        .ToList();

    public static DifferentialCase Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no case {name} under {Folder}", nameof(name));
}

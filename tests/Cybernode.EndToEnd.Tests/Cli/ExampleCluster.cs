using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>examples/cluster, which tests only ever build from a copy.</summary>
public static class ExampleCluster
{
    public const string Cyberinfo = "cybernode/base-cyberinfo";

    public const string Ticker = "cybernode/crawler-ticker";

    public const string Echod = "cybernode/fullnode-echod";

    public static IReadOnlyList<string> Services { get; } = ["base-cyberinfo", "crawler-ticker", "fullnode-echod"];

    public static string Source { get; } = Path.Combine(RepoPaths.Examples, "cluster");

    /// <summary>Copies the example (without any bin/ build output) to <paramref name="destination"/>; returns it.</summary>
    public static string CopyTo(string destination) => ExampleWorkspace.CopyTo(Source, destination);
}

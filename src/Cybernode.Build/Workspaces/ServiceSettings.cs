namespace Cybernode.Build.Workspaces;

/// <summary>What <c>cybernode.yaml</c> says of one service under <c>services:</c>; <paramref name="Line"/> is where it says it.</summary>
/// <param name="Cache">Named caches for the build run: volume name to absolute path in the container.</param>
/// <param name="Tags">Tags the service's image gets besides latest.</param>
public sealed record ServiceSettings(IReadOnlyDictionary<string, string> Cache, IReadOnlyList<string> Tags, int Line)
{
    /// <summary><c>rebuild: always</c>: the build stage runs on every build (e.g. a script that fetches from the network), never taken from the cache.</summary>
    public bool RebuildAlways { get; init; }

    public static ServiceSettings None { get; } = new(new SortedDictionary<string, string>(StringComparer.Ordinal), [], 0);

    /// <summary>Services to build before this one though its Dockerfiles do not name them (<c>build_after:</c>), each with its line.</summary>
    public IReadOnlyList<(string Service, int Line)> BuildAfter { get; init; } = [];
}

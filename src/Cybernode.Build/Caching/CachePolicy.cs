using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Caching;

/// <summary>
/// What a build asks of the cache: which services must run whatever their inputs (--no-cache,
/// --no-cache-filter, <c>rebuild: always</c>), and the inputs every step shares: the build args
/// and the variables cybernode.yaml's <c>build_env:</c> names, with their values in this build.
/// </summary>
public sealed record CachePolicy(IReadOnlyDictionary<string, string> BuildArgs, IReadOnlyDictionary<string, string?> DeclaredVariables)
{
    public bool NoCache { get; init; }

    public IReadOnlySet<string> NoCacheFilter { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlySet<string> RebuildAlways { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>What a build asks, from its command line and cybernode.yaml; the declared variables' values come from this process's environment.</summary>
    public static CachePolicy For(Workspace workspace, BuildOptions options) =>
        new(options.BuildArgs, workspace.Settings.BuildEnv.ToDictionary(v => v, Environment.GetEnvironmentVariable, StringComparer.Ordinal))
        {
            NoCache = options.NoCache,
            NoCacheFilter = options.NoCacheFilter.ToHashSet(StringComparer.Ordinal),
            RebuildAlways = workspace.Settings.Services.Where(s => s.Value.RebuildAlways).Select(s => s.Key).ToHashSet(StringComparer.Ordinal),
        };

    /// <summary>Why the service must be built whatever its inputs, or null when the cache may skip it.</summary>
    public string? ForcedReason(string service) =>
        NoCache ? "--no-cache"
        : NoCacheFilter.Contains(service) ? $"--no-cache-filter {service}"
        : RebuildAlways.Contains(service) ? "rebuild: always in cybernode.yaml"
        : null;
}

namespace Cybernode.Providers;

/// <summary>A cache volume and what <c>prune --build-caches</c> did with it; <paramref name="Detail"/> says why it was kept.</summary>
public sealed record CacheVolumeRemoval(string Volume, CacheVolumeState State, string? Detail = null)
{
    /// <summary>Where every service keeps its data: a volume mounted there is never a cache to remove.</summary>
    public const string DataPath = "/cyberdata";

    public static bool IsDataPath(string path) =>
        path.TrimEnd('/') == DataPath || path.StartsWith(DataPath + "/", StringComparison.Ordinal);
}

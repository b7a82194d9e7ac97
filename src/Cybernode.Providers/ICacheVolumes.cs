namespace Cybernode.Providers;

/// <summary>The named caches an engine keeps for build runs (cybernode.yaml's <c>cache:</c>), as <c>prune --build-caches</c> removes them.</summary>
public interface ICacheVolumes
{
    /// <summary>
    /// Removes a cache (with <paramref name="dryRun"/>, only says whether it would), never one a
    /// container mounts at <see cref="CacheVolumeRemoval.DataPath"/> (a service's data) or uses at all.
    /// </summary>
    Task<CacheVolumeRemoval> RemoveCacheAsync(string volume, bool dryRun, CancellationToken cancellationToken);
}

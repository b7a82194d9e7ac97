using Cybernode.Build.Workspaces;
using Cybernode.Providers;

namespace Cybernode.Build.Lifecycle;

/// <summary>
/// The cache volumes (cybernode.yaml's <c>cache:</c>) of the workspace's Dockerfile-build services,
/// removed through the engine that keeps them (<c>prune --build-caches</c>). A volume cybernode.yaml
/// mounts at /cyberdata, or any container mounts there, holds a service's data and is never removed.
/// </summary>
public static class BuildCaches
{
    public static async Task<IReadOnlyList<CacheVolumeRemoval>> RemoveAsync(Workspace workspace, ICacheVolumes engine, bool dryRun, CancellationToken cancellationToken)
    {
        var volumes = workspace.Services
            .Where(s => s.HasBuildDockerfile)
            .SelectMany(s => workspace.Settings.For(s.Name).Cache)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var results = new List<CacheVolumeRemoval>();
        foreach (var volume in volumes)
        {
            var data = volume.FirstOrDefault(c => CacheVolumeRemoval.IsDataPath(c.Value));
            results.Add(data.Key is not null
                ? new CacheVolumeRemoval(volume.Key, CacheVolumeState.DataVolume, $"{WorkspaceSettingsReader.FileName} mounts it at {data.Value}")
                : await RemoveAsync(engine, volume.Key, dryRun, cancellationToken));
        }

        return results;
    }

    private static async Task<CacheVolumeRemoval> RemoveAsync(ICacheVolumes engine, string volume, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.RemoveCacheAsync(volume, dryRun, cancellationToken);
        }
        catch (ProviderException e)
        {
            throw new UserError($"cache volume {volume}: {e.Message}", hint: e.Hint, inner: e);
        }
    }
}

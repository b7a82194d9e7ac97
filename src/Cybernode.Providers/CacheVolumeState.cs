namespace Cybernode.Providers;

/// <summary>What became of a cache volume <c>prune --build-caches</c> looked at.</summary>
public enum CacheVolumeState
{
    /// <summary>Removed (or, in a dry run, would be).</summary>
    Removed,

    /// <summary>The engine has no volume of that name.</summary>
    Absent,

    /// <summary>Kept: it is mounted at /cyberdata, where a service keeps its data.</summary>
    DataVolume,

    /// <summary>Kept: a container uses it.</summary>
    InUse,
}

namespace Cybernode.Build.Publishing;

/// <summary>What became of one service in a publish.</summary>
public enum PublishStatus
{
    /// <summary>Blobs, manifest and every tag are in the registry.</summary>
    Published,

    /// <summary>A step of this service failed (a blob, its manifest, or a tag).</summary>
    Failed,

    /// <summary>No image to publish: its build failed or the store lacks it.</summary>
    NotBuilt,

    /// <summary>Nothing of it failed, but another service did before the tags, so none of its tags moved.</summary>
    Held,
}

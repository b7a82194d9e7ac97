namespace Cybernode.Build.Planning;

/// <summary>Whether a service's image in the store is what a build would make now.</summary>
public enum ImageFreshness
{
    /// <summary>The build would report it cached: same inputs, nothing written.</summary>
    UpToDate,

    /// <summary>An image of that name is there, made from other inputs: a build makes a new one.</summary>
    Changed,

    /// <summary>No image of that name in the store.</summary>
    NotBuilt,

    /// <summary>Cannot be told without a build (the engine assembles it, or planning it failed: see the note).</summary>
    Unknown,
}

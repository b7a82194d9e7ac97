namespace Cybernode.Build.Bases;

/// <summary>What a build does about one remote base before anything builds.</summary>
public enum BaseAction
{
    /// <summary>Used as it is where the build finds it (imported into the store, or in the engine), unlocked.</summary>
    None,

    /// <summary>The chosen digest (locked, or pinned in the Dockerfile) is in the store: named, no network.</summary>
    UseStored,

    /// <summary>The chosen digest is pulled by digest, the tag not asked.</summary>
    PullDigest,

    /// <summary>The tag is resolved at the registry, then pulled when the store lacks it.</summary>
    Resolve,
}

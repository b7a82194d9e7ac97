namespace Cybernode.Build.Publishing;

/// <summary>What became of one tag in a publish.</summary>
public enum TagStatus
{
    /// <summary>The tag points at the image's manifest now.</summary>
    Moved,

    /// <summary>The tag already pointed at the image's manifest: nothing was put.</summary>
    Unchanged,

    /// <summary>Putting the tag failed, after retrying; the manifest is in the registry by digest.</summary>
    Failed,

    /// <summary>Not tried: something failed before the tags, so no tag moved.</summary>
    Held,
}

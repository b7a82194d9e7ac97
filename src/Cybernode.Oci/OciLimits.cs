namespace Cybernode.Oci;

/// <summary>Bounds on what is read into memory, checked before reading.</summary>
public static class OciLimits
{
    /// <summary>
    /// The largest JSON document (index.json, an index, a manifest, a config) read whole: 4 MiB,
    /// the manifest size the OCI distribution spec tells registries to accept at least and
    /// containerd's limit for manifests it fetches. A layer-sized document is refused unread.
    /// </summary>
    public const long MaxDocumentSize = 4 << 20;
}

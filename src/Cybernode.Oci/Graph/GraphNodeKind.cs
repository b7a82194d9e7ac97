namespace Cybernode.Oci.Graph;

public enum GraphNodeKind
{
    Index,
    Manifest,
    Config,
    Layer,

    /// <summary>A descriptor pointing at something that is neither a manifest nor an index where one is expected.</summary>
    Unknown,
}

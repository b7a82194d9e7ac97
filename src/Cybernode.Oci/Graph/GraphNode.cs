using Cybernode.Oci.Model;

namespace Cybernode.Oci.Graph;

/// <summary>
/// One blob an image root reaches. Documents (indexes, manifests, configs) come with their
/// verified bytes; a layer comes with its position in its manifest and the diff_id its config gives.
/// <see cref="Problem"/> says why the blob could not be read or does not fit the graph; the walk
/// does not go below such a node.
/// </summary>
public sealed record GraphNode(Descriptor Descriptor, GraphNodeKind Kind, byte[]? Document, int Position, Digest? DiffId, string? Problem)
{
    public bool IsDocument => Kind is GraphNodeKind.Index or GraphNodeKind.Manifest or GraphNodeKind.Config;
}

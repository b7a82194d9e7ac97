using Cybernode.Oci.Registry;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Publishing;

/// <summary>What became of one service: its blobs, its manifest (by digest) and each tag.</summary>
/// <param name="Name">The image's name in the registry, <c>HOST/PREFIX/SERVICE</c>.</param>
/// <param name="Digest">The manifest digest (the store's, and the registry's once pushed); null when not built.</param>
/// <param name="ManifestPushed">True when the manifest is in the registry by digest.</param>
public sealed record ServicePublishResult(
    string Service,
    string Name,
    PublishStatus Status,
    Digest? Digest,
    BlobCounts Blobs,
    bool ManifestPushed,
    IReadOnlyList<TagResult> Tags,
    string? Error = null);

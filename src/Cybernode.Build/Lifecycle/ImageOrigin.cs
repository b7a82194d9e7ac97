using Cybernode.Oci.Model;

namespace Cybernode.Build.Lifecycle;

/// <summary>
/// Which workspace built an image, kept as an annotation of its index.json entries (never in the
/// image, so digests do not change): <c>prune</c> removes only images its own workspace made, never
/// a base that was imported or pulled, nor another workspace's image in a shared store.
/// </summary>
public static class ImageOrigin
{
    public const string Annotation = "dev.cybernode.workspace";

    public static Descriptor Mark(Descriptor manifest, string workspaceRoot) =>
        manifest with { Annotations = new SortedDictionary<string, string>(manifest.Annotations ?? new(), StringComparer.Ordinal) { [Annotation] = workspaceRoot } };

    public static bool IsFrom(Descriptor manifest, string workspaceRoot) => manifest.Annotation(Annotation) == workspaceRoot;
}

using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>Which image of a registry's index a pull takes for a platform.</summary>
public static class PlatformChoice
{
    /// <summary>
    /// The index entry for <paramref name="wanted"/>: an image manifest with the same OS and
    /// architecture, and the same variant when one is asked for (arm64's v8 is its default); without
    /// one, the entry without a variant first. Null when none fits: unlike a local layout's index,
    /// a registry's single entry for another platform is not taken, and attestations are not images.
    /// </summary>
    public static Descriptor? Choose(ImageIndex index, Platform wanted)
    {
        var candidates = index.Manifests
            .Where(m => m.Platform is { } p && p.Os == wanted.Os && p.Architecture == wanted.Architecture && MediaTypes.IsManifest(m.MediaType))
            .ToList();
        return wanted.Variant is null
            ? candidates.OrderBy(m => m.Platform!.Variant is null || IsDefaultVariant(m.Platform) ? 0 : 1).FirstOrDefault()
            : candidates.FirstOrDefault(m => m.Platform!.Variant == wanted.Variant || (m.Platform.Variant is null && IsDefaultVariant(wanted)));
    }

    private static bool IsDefaultVariant(Platform platform) => platform is { Architecture: "arm64", Variant: "v8" };
}

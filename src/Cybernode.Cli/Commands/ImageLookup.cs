using System.Text.RegularExpressions;
using Cybernode.Build;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary>
/// What REF of inspect and export may be, tried in this order: an image name or manifest digest, a
/// service name of the workspace, the short digest that <c>images</c> prints (any unambiguous prefix).
/// </summary>
public static partial class ImageLookup
{
    public static async Task<TaggedImage?> FindAsync(IImageStore store, string reference, string workspace, CancellationToken cancellationToken)
    {
        return await ImageReader.FindAsync(store, reference, cancellationToken)
            ?? await AsServiceAsync(store, reference, workspace, cancellationToken)
            ?? await ByDigestPrefixAsync(store, reference, cancellationToken);
    }

    private static async Task<TaggedImage?> ByDigestPrefixAsync(IImageStore store, string reference, CancellationToken cancellationToken)
    {
        var match = DigestPrefix().Match(reference);
        if (!match.Success)
        {
            return null;
        }

        var prefix = match.Groups["hex"].Value;
        var candidates = (await store.ListAsync(cancellationToken))
            .Where(i => i.Manifest.Digest.Algorithm == Digest.Sha256Algorithm && i.Manifest.Digest.Hex.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(i => i.Manifest.Digest)
            .ToList();
        if (candidates.Count > 1)
        {
            var listed = candidates.Select(g => $"{g.Key} ({string.Join(", ", g.Select(i => i.Name))})");
            throw new UserError($"the digest prefix '{reference}' matches {candidates.Count} images: {string.Join("; ", listed)}",
                hint: "give more digits of the digest, or the image's name");
        }

        return candidates.Count == 1 ? candidates[0].First() : null;
    }

    /// <summary>A service name or folder path: the image <c>NAMESPACE/SERVICE:latest</c> of the workspace found from <paramref name="workspace"/>.</summary>
    private static async Task<TaggedImage?> AsServiceAsync(IImageStore store, string reference, string workspace, CancellationToken cancellationToken) =>
        ServiceImageName(reference, workspace) is { } name ? await ImageReader.FindAsync(store, name, cancellationToken) : null;

    /// <summary>Whether REF named this image by one of its names (or as a service), rather than by its digest.</summary>
    public static bool NamesImage(string reference, TaggedImage image, string workspace) =>
        (ImageReference.TryParse(reference, out var parsed, out _) && parsed.Digest is null && parsed.FamiliarName == image.Name)
        || ServiceImageName(reference, workspace) == image.Name;

    /// <summary>The image name of the service REF names (by name or folder path) in the workspace found from <paramref name="workspace"/>; null when REF can be no service.</summary>
    private static string? ServiceImageName(string reference, string workspace)
    {
        var name = Service.NameFor(reference);
        if (name.Length == 0)
        {
            return null;
        }

        var settings = WorkspaceSettingsReader.Read(WorkspaceMarkers.FindRoot(workspace));
        return ServiceNames.Check(name, reference, reference, settings.Namespace) is null ? new Service(name, reference, reference, settings.Namespace).ImageName : null;
    }

    // With "sha256:" written any prefix is meant as one; bare hex needs 4 digits (as git's short
    // hashes) so that a short word is not taken for a digest. images prints 12.
    [GeneratedRegex("^(sha256:(?<hex>[0-9a-f]{1,64})|(?<hex>[0-9a-f]{4,64}))$")]
    private static partial Regex DigestPrefix();
}

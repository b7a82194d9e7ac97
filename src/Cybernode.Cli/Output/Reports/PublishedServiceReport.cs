using Cybernode.Oci.Registry;
using Cybernode.Build.Publishing;

namespace Cybernode.Cli.Output.Reports;

/// <summary>One service of a publish: its image's name in the registry, digest, status (published, failed, not-built, held), blobs and tags.</summary>
public sealed record PublishedServiceReport(
    string Service,
    string Name,
    string? Digest,
    string Status,
    bool Manifest,
    BlobCountsReport Blobs,
    long Bytes,
    IReadOnlyList<PublishedTagReport> Tags,
    string? Error)
{
    public static PublishedServiceReport From(ServicePublishResult result) => new(
        result.Service,
        result.Name,
        result.Digest?.ToString(),
        Words.Of(result.Status),
        result.ManifestPushed,
        BlobCountsReport.From(result.Blobs),
        result.Blobs.Bytes,
        [.. result.Tags.Select(t => new PublishedTagReport(t.Tag, $"{result.Name}:{t.Tag}", t.Status.ToString().ToLowerInvariant(), t.Attempts, t.Error))],
        result.Error);
}

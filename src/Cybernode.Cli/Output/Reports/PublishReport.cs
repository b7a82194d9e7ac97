using Cybernode.Oci.Registry;
using Cybernode.Build.Publishing;

namespace Cybernode.Cli.Output.Reports;

/// <summary>
/// <c>publish --json</c> and the <c>publish</c> part of <c>build --push --json</c>: where the
/// cluster went, per service and per tag what happened, and the blobs of all services together.
/// </summary>
public sealed record PublishReport(string Registry, bool Published, IReadOnlyList<PublishedServiceReport> Services, BlobCountsReport Blobs, long Bytes, double Seconds)
{
    public static PublishReport From(PublishResult result) => new(
        result.Target.ToString(),
        result.Succeeded,
        [.. result.Services.Select(PublishedServiceReport.From)],
        BlobCountsReport.From(result.Totals),
        result.Totals.Bytes,
        Math.Round(result.Duration.TotalSeconds, 3));
}

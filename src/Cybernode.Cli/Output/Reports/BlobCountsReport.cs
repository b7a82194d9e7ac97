using Cybernode.Oci.Registry;
using Cybernode.Build.Publishing;

namespace Cybernode.Cli.Output.Reports;

/// <summary>Blobs sent, found already in the registry, or mounted from another of its repositories.</summary>
public sealed record BlobCountsReport(int Uploaded, int Existing, int Mounted)
{
    public static BlobCountsReport From(BlobCounts counts) => new(counts.Uploaded, counts.Existing, counts.Mounted);
}

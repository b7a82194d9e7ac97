using Cybernode.Oci.Registry;
namespace Cybernode.Build.Publishing;

/// <summary>A whole publish: every service, and the blobs of all of them together (each blob counted once per registry).</summary>
public sealed record PublishResult(RegistryTarget Target, IReadOnlyList<ServicePublishResult> Services, TimeSpan Duration)
{
    public BlobCounts Totals => Services.Aggregate(BlobCounts.None, (sum, service) => sum + service.Blobs);

    public bool Succeeded => Services.All(s => s.Status == PublishStatus.Published);
}

using Cybernode.Oci.Registry;
using Cybernode.Build.Publishing;
using Cybernode.Cli.Commands;

namespace Cybernode.Cli.Output;

/// <summary>
/// What a publish says to people: one line per service (its reference@digest and blob counts, or
/// why it stopped), a line per tag that failed, then the totals.
/// </summary>
public static class PublishSummary
{
    public static void Write(PublishResult result, TextWriter output, TextWriter errors)
    {
        foreach (var service in result.Services)
        {
            var line = service.Digest is null ? service.Name : $"{service.Name}@{service.Digest}";
            var tags = service.Tags.Count == 0 ? "" : $" [{string.Join(", ", service.Tags.Select(Describe))}]";
            var writer = service.Status == PublishStatus.Published ? output : errors;
            writer.WriteLine($"{service.Service}: {Words.Of(service.Status)} {line}{tags} {Blobs(service.Blobs)}");
            if (service.Error is not null)
            {
                errors.WriteLine($"  {service.Error.ReplaceLineEndings("\n  ")}");
            }
        }

        var count = result.Services.Count;
        var verdict = result.Succeeded
            ? $"published {count} {(count == 1 ? "service" : "services")} to {result.Target}"
            : $"not published to {result.Target}: {Outcome(result)}";
        (result.Succeeded ? output : errors).WriteLine($"{verdict}; {Blobs(result.Totals)} in {BuildSummary.Seconds(result.Duration)}");
    }

    public static string Blobs(BlobCounts counts) =>
        $"blobs: {counts.Uploaded} uploaded, {counts.Existing} existing, {counts.Mounted} mounted ({ImagesCommand.HumanSize(counts.Bytes)} sent)";

    private static string Describe(TagResult tag) => tag.Status is TagStatus.Moved or TagStatus.Unchanged ? tag.Tag : $"{tag.Tag} {tag.Status.ToString().ToLowerInvariant()}";

    private static string Outcome(PublishResult result)
    {
        var failedTags = result.Services.Sum(s => s.Tags.Count(t => t.Status == TagStatus.Failed));
        return failedTags > 0 && result.Services.All(s => s.ManifestPushed)
            ? $"{failedTags} {(failedTags == 1 ? "tag" : "tags")} failed (every manifest is in the registry by digest)"
            : "a service failed before the tags, so no tag moved";
    }

}

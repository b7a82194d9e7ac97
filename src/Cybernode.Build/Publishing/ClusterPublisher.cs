using Cybernode.Oci.Registry;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cybernode.Build.Publishing;

/// <summary>
/// Publishes the images of a cluster all-or-nothing, in three phases: (a) every blob of every
/// image, (b) only when every service built and every blob is up, the manifests by digest, (c)
/// then the tags. A failure before (c) leaves every tag where it was; a tag that fails in (c) is
/// tried again and reported, its manifest already being in the registry by digest.
/// </summary>
public sealed class ClusterPublisher(IClusterRegistry registry, RegistryTarget target)
{
    /// <summary>How many images are worked on at once in each phase; the registry client bounds its own requests.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How many times a tag is put before it counts as failed.</summary>
    public int TagAttempts { get; init; } = 3;

    /// <summary>The pause before a failed tag is put again.</summary>
    public TimeSpan TagRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public async Task<PublishResult> PublishAsync(IReadOnlyList<PublishImage> images, IReadOnlyList<UnbuiltService> unbuilt, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var states = images.Select(image => new ImageState(image)).ToList();

        await ForEachAsync(states, async state => state.Blobs = await registry.PushBlobsAsync(state.Image, cancellationToken), cancellationToken);
        var complete = unbuilt.Count == 0 && states.All(s => s.Error is null);
        if (complete)
        {
            await ForEachAsync(states, async state =>
            {
                await registry.PutManifestAsync(state.Image, cancellationToken);
                state.ManifestPushed = true;
            }, cancellationToken);
            complete = states.All(s => s.Error is null);
        }

        if (complete)
        {
            await PutTagsAsync(states, cancellationToken);
        }

        return new PublishResult(target, [.. unbuilt.Select(NotBuilt), .. states.Select(s => s.ToResult(target))], clock.Elapsed);
    }

    /// <summary>Every tag of every image; the ones that failed are put again after the others, up to <see cref="TagAttempts"/> times.</summary>
    private async Task PutTagsAsync(List<ImageState> states, CancellationToken cancellationToken)
    {
        var pending = states.SelectMany(state => state.Image.Tags.Select(tag => state.AddTag(tag))).ToList();
        for (var attempt = 1; attempt <= TagAttempts && pending.Count > 0; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TagRetryDelay, cancellationToken);
            }

            var failed = new ConcurrentBag<TagState>();
            await Parallel.ForEachAsync(pending, Options(cancellationToken), async (tag, token) =>
            {
                tag.Attempts++;
                try
                {
                    tag.Status = await registry.PutTagAsync(tag.Owner.Image, tag.Tag, token) ? TagStatus.Moved : TagStatus.Unchanged;
                    tag.Error = null;
                }
                catch (Exception e) when (PublishFailures.IsExpected(e, token))
                {
                    tag.Error = PublishFailures.Describe(e);
                    failed.Add(tag);
                }
            });
            pending = [.. failed];
        }
    }

    /// <summary>Runs one phase's step for every image; a step's failure is kept on its image, the others go on.</summary>
    private async Task ForEachAsync(List<ImageState> states, Func<ImageState, Task> step, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(states, Options(cancellationToken), async (state, token) =>
        {
            try
            {
                await step(state);
            }
            catch (Exception e) when (PublishFailures.IsExpected(e, token))
            {
                state.Error = PublishFailures.Describe(e);
            }
        });

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken };

    private ServicePublishResult NotBuilt(UnbuiltService service) =>
        new(service.Service, target.NameFor(service.Service), PublishStatus.NotBuilt, null, BlobCounts.None, false, [], service.Error);

    /// <summary>What one image reached so far; written by one step at a time.</summary>
    private sealed class ImageState(PublishImage image)
    {
        private readonly List<TagState> _tags = [];

        public PublishImage Image { get; } = image;

        public BlobCounts Blobs { get; set; } = BlobCounts.None;

        public bool ManifestPushed { get; set; }

        public string? Error { get; set; }

        public TagState AddTag(string tag)
        {
            var state = new TagState(this, tag);
            _tags.Add(state);
            return state;
        }

        public ServicePublishResult ToResult(RegistryTarget target)
        {
            var tags = Image.Tags.Select(tag => _tags.FirstOrDefault(t => t.Tag == tag)?.ToResult() ?? new TagResult(tag, TagStatus.Held, 0)).ToList();
            var failedTag = tags.FirstOrDefault(t => t.Status == TagStatus.Failed);
            var status = Error is not null || failedTag is not null ? PublishStatus.Failed
                : tags.All(t => t.Status is TagStatus.Moved or TagStatus.Unchanged) && ManifestPushed ? PublishStatus.Published
                : PublishStatus.Held;
            var error = Error ?? (failedTag is null ? null : $"tag {failedTag.Tag}: {failedTag.Error}");
            return new ServicePublishResult(Image.Service, target.NameFor(Image.Service), status, Image.Manifest.Digest, Blobs, ManifestPushed, tags, error);
        }
    }

    private sealed class TagState(ImageState owner, string tag)
    {
        public ImageState Owner { get; } = owner;

        public string Tag { get; } = tag;

        public int Attempts { get; set; }

        public TagStatus Status { get; set; } = TagStatus.Failed;

        public string? Error { get; set; }

        public TagResult ToResult() => new(Tag, Status, Attempts, Status == TagStatus.Failed ? Error : null);
    }
}

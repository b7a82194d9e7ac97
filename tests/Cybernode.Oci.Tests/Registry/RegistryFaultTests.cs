using System.Diagnostics;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>
/// Faults a proxy injects between the client and distribution 2.8: each ends in success after a
/// retry, or in one clear error with nothing half-written in the store.
/// </summary>
public sealed class RegistryFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_503s_on_the_manifest_are_retried()
    {
        await using var setup = await FaultSetup.StartAsync();
        setup.Proxy.Add(FaultProxy.Kind.Unavailable, "GET", "/manifests/v1", times: 2);

        var pulled = await setup.PullAsync();

        pulled.Manifest.Digest.ShouldBe(setup.Image.Manifest.Digest);
        setup.Proxy.Requests.Count(r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("/manifests/v1", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task A_429_waits_the_Retry_After_the_registry_asked_for()
    {
        await using var setup = await FaultSetup.StartAsync();
        setup.Proxy.Add(FaultProxy.Kind.TooManyRequests, "GET", "/blobs/sha256:");
        var clock = Stopwatch.StartNew();

        var pulled = await setup.PullAsync();

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95));
        pulled.Manifest.Digest.ShouldBe(setup.Image.Manifest.Digest);
    }

    [Fact]
    public async Task A_body_cut_short_is_fetched_again_and_the_store_stays_clean()
    {
        await using var setup = await FaultSetup.StartAsync();
        setup.Proxy.Add(FaultProxy.Kind.CutShort, "GET", "/blobs/sha256:", times: 2);

        var pulled = await setup.PullAsync();

        pulled.Manifest.Digest.ShouldBe(setup.Image.Manifest.Digest);
        var verification = await StoreVerifier.VerifyAsync(setup.Target, Ct);
        verification.Damage.ShouldBeEmpty();
        verification.Stray.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_flipped_byte_is_refused_and_nothing_is_named_or_stored()
    {
        await using var setup = await FaultSetup.StartAsync();
        var layer = (await setup.Source.ReadJsonAsync<ImageManifest>(setup.Image.Manifest, Ct)).Layers[1];
        setup.Proxy.Add(FaultProxy.Kind.FlipByte, "GET", $"/blobs/{layer.Digest}", times: 100);

        var error = await Should.ThrowAsync<OciFormatException>(setup.PullAsync);

        error.Message.ShouldContain($"blob {layer.Digest} in {setup.Proxy.Host}/team/app is corrupt");
        (await setup.Target.ListAsync(Ct)).ShouldBeEmpty();
        (await setup.Target.ContainsAsync(layer.Digest, Ct)).ShouldBeFalse();
        (await StoreVerifier.VerifyAsync(setup.Target, Ct)).Stray.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_lost_answer_to_an_upload_commit_is_checked_by_HEAD_instead_of_uploading_again()
    {
        await using var setup = await FaultSetup.StartAsync(pushFirst: false);
        setup.Proxy.Add(FaultProxy.Kind.LoseAnswer, "PUT", "digest=", times: 1);

        var counts = await setup.PushAsync("team/app:v1");

        counts.Uploaded.ShouldBe(4);
        var commits = setup.Proxy.Requests.Count(r => r.StartsWith("PUT", StringComparison.Ordinal) && r.Contains("digest=", StringComparison.Ordinal));
        commits.ShouldBe(4, string.Join('\n', setup.Proxy.Requests));
        (await setup.Scratch.SkopeoDigestAsync("team/app:v1")).ShouldBe(setup.Image.Manifest.Digest.ToString());
    }

    [Fact]
    public async Task OCI_Chunk_Min_Length_makes_the_upload_chunked_in_parts_no_smaller()
    {
        await using var setup = await FaultSetup.StartAsync(pushFirst: false, chunkSize: 4096);
        setup.Proxy.ChunkMinLength = 6000;

        await setup.PushAsync("team/app:v1");

        setup.Proxy.PatchLengths.ShouldNotBeEmpty();
        setup.Proxy.Requests.Count(r => r.StartsWith("PATCH", StringComparison.Ordinal)).ShouldBeGreaterThan(4, "a blob over 6000 bytes goes in more than one PATCH");
        var lengths = setup.Proxy.PatchLengths.ToList();
        lengths.Max().ShouldBe(6000);
        lengths.Count(length => length < 6000).ShouldBeLessThanOrEqualTo(4, "only each blob's last part may be smaller");
        (await setup.Scratch.SkopeoDigestAsync("team/app:v1")).ShouldBe(setup.Image.Manifest.Digest.ToString());
    }

    [Fact]
    public async Task A_403_is_one_clear_error_not_retried()
    {
        await using var setup = await FaultSetup.StartAsync();
        setup.Proxy.Add(FaultProxy.Kind.Forbidden, "GET", "/manifests/v1", times: 100);

        var error = await Should.ThrowAsync<RegistryException>(setup.PullAsync);

        error.Message.ShouldBe($"reading manifest {setup.Proxy.Host}/team/app:v1: {setup.Proxy.Host} denied access (403 forbidden: DENIED: requested access to the resource is denied)");
        error.Status.ShouldBe(403);
        setup.Proxy.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_415_on_a_manifest_put_names_the_media_type_problem()
    {
        await using var setup = await FaultSetup.StartAsync(pushFirst: false);
        setup.Proxy.Add(FaultProxy.Kind.UnsupportedMediaType, "PUT", "/manifests/", times: 100);

        var error = await Should.ThrowAsync<RegistryException>(() => setup.PushAsync("team/app:v1"));

        error.Message.ShouldContain("does not accept this media type (415 unsupported media type");
    }

    [Fact]
    public async Task A_registry_that_keeps_failing_gives_up_with_one_line()
    {
        await using var setup = await FaultSetup.StartAsync();
        setup.Proxy.Add(FaultProxy.Kind.Unavailable, "GET", "/manifests/v1", times: 100);

        var error = await Should.ThrowAsync<RegistryException>(setup.PullAsync);

        error.Message.ShouldBe($"reading manifest {setup.Proxy.Host}/team/app:v1: {setup.Proxy.Host} failed with 503 Service Unavailable");
        setup.Proxy.Requests.Count.ShouldBe(1 + FaultSetup.Retries);
    }

    /// <summary>A registry holding a random image (team/app:v1), a proxy in front of it, and an empty store to pull into.</summary>
    private sealed class FaultSetup : IAsyncDisposable
    {
        public const int Retries = 3;

        private FaultSetup(RegistryScratch scratch, FaultProxy proxy, OciLayoutStore target, TempFolder folder, TaggedImage image, Cybernode.Oci.Registry.Registries registries)
        {
            Scratch = scratch;
            Proxy = proxy;
            Target = target;
            Folder = folder;
            Image = image;
            Registries = registries;
        }

        public RegistryScratch Scratch { get; }

        public FaultProxy Proxy { get; }

        public OciLayoutStore Source => Scratch.Store;

        public OciLayoutStore Target { get; }

        public TempFolder Folder { get; }

        public TaggedImage Image { get; }

        public Cybernode.Oci.Registry.Registries Registries { get; }

        public static async Task<FaultSetup> StartAsync(bool pushFirst = true, long chunkSize = 16 << 20)
        {
            var scratch = await RegistryScratch.StartAsync();
            var image = await RandomImage.WriteAsync(scratch.Store, "cybernode/app:1", 7, Ct, maxFileSize: 32768);
            if (pushFirst)
            {
                await scratch.PushAsync(image, "team/app:v1");
            }

            var folder = new TempFolder();
            var options = new RegistryClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetries = Retries, ChunkSize = chunkSize };
            return new FaultSetup(scratch, FaultProxy.Start(scratch.Server.Host), await OciLayoutStore.OpenAsync(folder.Combine("target"), Ct), folder, image, new Cybernode.Oci.Registry.Registries(options));
        }

        public Task<PulledImage> PullAsync() =>
            new RegistryPull(Registries).PullAsync(ImageReference.Parse($"{Proxy.Host}/team/app:v1"), Platform.LinuxAmd64, Target, Ct);

        public async Task<BlobCounts> PushAsync(string repositoryAndTag)
        {
            var push = await ImagePush.PrepareAsync(Registries, new Cybernode.Oci.Transports.StoreImageSource(Source), Image.Manifest, ImageReference.Parse($"{Proxy.Host}/{repositoryAndTag}"), Ct);
            return await push.PushAsync(Ct);
        }

        public async ValueTask DisposeAsync()
        {
            Registries.Dispose();
            await Proxy.DisposeAsync();
            Target.Dispose();
            Folder.Dispose();
            await Scratch.DisposeAsync();
        }
    }
}

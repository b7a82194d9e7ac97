using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>What the build's lock relies on: a reference resolves to a platform's manifest digest, and that digest pulls the same image.</summary>
public sealed class RegistryResolveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tag_on_an_index_resolves_to_the_platform_s_manifest_and_pulls_by_that_digest()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var arm64 = new Platform("arm64", "linux");
        var index = await RandomImage.WriteIndexAsync(scratch.Store, "cybernode/multi:1", 11, [Platform.LinuxAmd64, arm64], Ct);
        await scratch.PushAsync(index, "team/multi:v1");
        var entries = (await scratch.Store.ReadJsonAsync<ImageIndex>(index.Manifest, Ct)).Manifests;
        var pull = new RegistryPull(scratch.Registries);

        var resolved = await pull.ResolveAsync(scratch.Reference("team/multi:v1"), arm64, Ct);
        using var target = new TempFolder();
        using var store = await OciLayoutStore.OpenAsync(target.Combine("store"), Ct);
        var pinned = scratch.Reference($"team/multi@{resolved.ManifestDigest}");
        var pulled = await pull.PullAsync(pinned, Platform.LinuxAmd64, store, Ct);

        resolved.Root.Descriptor.Digest.ShouldBe(index.Manifest.Digest);
        resolved.ManifestDigest.ShouldBe(entries.Single(e => e.Platform!.Architecture == "arm64").Digest);
        pulled.Manifest.Digest.ShouldBe(resolved.ManifestDigest, "a digest naming one manifest pulls that manifest, whatever the platform asked");
        pulled.Name.ShouldBe($"{scratch.Server.Host}/team/multi@{resolved.ManifestDigest}");
    }

    [Fact]
    public async Task A_pull_by_the_index_digest_is_named_by_the_manifest_it_stored()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var index = await RandomImage.WriteIndexAsync(scratch.Store, "cybernode/multi:1", 12, [Platform.LinuxAmd64, new Platform("arm64", "linux")], Ct);
        await scratch.PushAsync(index, "team/multi:v1");
        using var target = new TempFolder();
        using var store = await OciLayoutStore.OpenAsync(target.Combine("store"), Ct);

        var pulled = await new RegistryPull(scratch.Registries).PullAsync(scratch.Reference($"team/multi:v1@{index.Manifest.Digest}"), Platform.LinuxAmd64, store, Ct);

        pulled.Root.Digest.ShouldBe(index.Manifest.Digest);
        pulled.Name.ShouldBe($"{scratch.Server.Host}/team/multi:v1@{pulled.Manifest.Digest}");
        (await store.ListAsync(Ct)).Single().Manifest.Digest.ShouldBe(pulled.Manifest.Digest);
    }

    [Fact]
    public async Task The_registry_sink_pushes_a_copy_whole()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var image = await RandomImage.WriteAsync(scratch.Store, "cybernode/app:1", 13, Ct);
        var sink = new RegistryImageSink(scratch.Registries, scratch.Reference("team/sink:v1"));

        var root = await sink.WriteAsync(new StoreImageSource(scratch.Store), image.Manifest, image.Name, Ct);

        root.Digest.ShouldBe(image.Manifest.Digest);
        sink.Counts.Uploaded.ShouldBe(4);
        (await scratch.SkopeoDigestAsync("team/sink:v1")).ShouldBe(image.Manifest.Digest.ToString());
    }
}

using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>Push and pull against distribution 2.8, checked with skopeo as the independent client.</summary>
public sealed class RegistryPushPullTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pushed_image_reads_back_through_skopeo_with_the_store_digest()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var image = await RandomImage.WriteAsync(scratch.Store, "cybernode/app:1", 1, Ct);

        var counts = await scratch.PushAsync(image, "team/app:v1");

        counts.ShouldBe(new BlobCounts(4, 0, 0, counts.Bytes));
        (await scratch.SkopeoDigestAsync("team/app:v1")).ShouldBe(image.Manifest.Digest.ToString());
        await RegistryServer.SkopeoAsync(["copy", "--quiet", "--src-tls-verify=false", $"docker://{scratch.Server.Host}/team/app:v1", $"oci:{scratch.Folder.Combine("back")}:x"], Ct);
        using var back = OciLayoutStore.OpenExisting(scratch.Folder.Combine("back"));
        (await back.ListAsync(Ct)).Single().Manifest.Digest.ShouldBe(image.Manifest.Digest);
    }

    [Fact]
    public async Task A_second_push_uploads_nothing()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var image = await RandomImage.WriteAsync(scratch.Store, "cybernode/app:1", 2, Ct);
        await scratch.PushAsync(image, "team/app:v1");

        // A new run knows nothing of the first: the registry's HEAD answers say what is there.
        using var fresh = new Cybernode.Oci.Registry.Registries(new RegistryClientOptions());
        var again = await scratch.PushAsync(image, "team/app:v2", fresh);

        again.ShouldBe(new BlobCounts(0, 4, 0, 0));
        (await scratch.SkopeoDigestAsync("team/app:v2")).ShouldBe(image.Manifest.Digest.ToString());
    }

    [Fact]
    public async Task Images_sharing_layers_in_two_repositories_mount_instead_of_uploading()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var image = await RandomImage.WriteAsync(scratch.Store, "cybernode/app:1", 3, Ct);
        await scratch.PushAsync(image, "team/one:v1");

        var second = await scratch.PushAsync(image, "team/two:v1");

        second.ShouldBe(new BlobCounts(0, 0, 4, 0));
        (await scratch.SkopeoDigestAsync("team/two:v1")).ShouldBe(image.Manifest.Digest.ToString());
    }

    [Fact]
    public async Task An_image_skopeo_put_in_pulls_with_the_same_digest_and_every_file()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        using var source = new TempFolder();
        using (var other = await OciLayoutStore.OpenAsync(source.Combine("layout"), Ct))
        {
            await RandomImage.WriteAsync(other, "cybernode/src:1", 4, Ct);
        }

        await scratch.Server.CopyInAsync(source.Combine("layout"), "cybernode/src:1", "team/src", "v1", Ct);
        var expected = await scratch.SkopeoDigestAsync("team/src:v1");

        var pulled = await new RegistryPull(scratch.Registries).PullAsync(scratch.Reference("team/src:v1"), Platform.LinuxAmd64, scratch.Store, Ct);

        pulled.Manifest.Digest.ToString().ShouldBe(expected);
        pulled.Name.ShouldBe($"{scratch.Server.Host}/team/src:v1");
        (await scratch.Store.ListAsync(Ct)).ShouldContain(i => i.Name == pulled.Name && i.Manifest.Digest == pulled.Manifest.Digest);
        var verification = await StoreVerifier.VerifyAsync(scratch.Store, Ct);
        verification.Damage.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_docker_schema_2_image_or_manifest_list_pulls_with_the_registry_digest(bool list)
    {
        await using var scratch = await RegistryScratch.StartAsync();
        using var source = new TempFolder();
        using (var other = await OciLayoutStore.OpenAsync(source.Combine("layout"), Ct))
        {
            if (list)
            {
                await RandomImage.WriteIndexAsync(other, "cybernode/src:1", 5, [Platform.LinuxAmd64, new Platform("arm64", "linux")], Ct);
            }
            else
            {
                await RandomImage.WriteAsync(other, "cybernode/src:1", 5, Ct);
            }
        }

        string[] all = list ? ["--all"] : [];
        await RegistryServer.SkopeoAsync(
            ["copy", "--quiet", "--dest-tls-verify=false", "--format", "v2s2", .. all, $"oci:{source.Combine("layout")}:cybernode/src:1", $"docker://{scratch.Server.Host}/team/docker:v1"], Ct);
        var raw = await RegistryServer.SkopeoAsync(["inspect", "--raw", "--tls-verify=false", $"docker://{scratch.Server.Host}/team/docker:v1"], Ct);
        raw.ShouldContain(list ? "application/vnd.docker.distribution.manifest.list.v2+json" : "application/vnd.docker.distribution.manifest.v2+json");

        var pulled = await new RegistryPull(scratch.Registries).PullAsync(scratch.Reference("team/docker:v1"), Platform.LinuxAmd64, scratch.Store, Ct);

        pulled.Manifest.MediaType.ShouldBe("application/vnd.docker.distribution.manifest.v2+json");
        pulled.Root.Digest.ToString().ShouldBe(await scratch.SkopeoDigestAsync("team/docker:v1"));
        (await StoreVerifier.VerifyAsync(scratch.Store, Ct)).Damage.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_multi_arch_index_pushed_by_skopeo_pulls_each_platform()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        using var source = new TempFolder();
        Platform arm64 = new("arm64", "linux", "v8");
        TaggedImage index;
        using (var other = await OciLayoutStore.OpenAsync(source.Combine("layout"), Ct))
        {
            index = await RandomImage.WriteIndexAsync(other, "cybernode/multi:1", 5, [Platform.LinuxAmd64, arm64], Ct);
        }

        await scratch.Server.CopyInAsync(source.Combine("layout"), "cybernode/multi:1", "team/multi", "v1", Ct, all: true);
        using var layout = OciLayoutStore.OpenExisting(source.Combine("layout"));
        var entries = (await RegistryScratch.ReadJsonAsync<ImageIndex>(layout, index.Manifest)).Manifests;
        var pull = new RegistryPull(scratch.Registries);

        var amd = await pull.PullAsync(scratch.Reference("team/multi:v1"), Platform.LinuxAmd64, scratch.Store, Ct, "multi:amd64");
        var arm = await pull.PullAsync(scratch.Reference("team/multi:v1"), Platform.Parse("linux/arm64"), scratch.Store, Ct, "multi:arm64");

        amd.Root.Digest.ShouldBe(index.Manifest.Digest);
        amd.Manifest.Digest.ShouldBe(entries.Single(e => e.Platform!.Architecture == "amd64").Digest);
        arm.Manifest.Digest.ShouldBe(entries.Single(e => e.Platform!.Architecture == "arm64").Digest);
        var missing = await Should.ThrowAsync<RegistryException>(() => pull.PullAsync(scratch.Reference("team/multi:v1"), Platform.Parse("linux/s390x"), scratch.Store, Ct));
        missing.Message.ShouldContain("has no image for linux/s390x: it offers linux/amd64, linux/arm64/v8");
    }

    [Fact]
    public async Task A_pushed_index_reads_back_whole_through_skopeo()
    {
        await using var scratch = await RegistryScratch.StartAsync();
        var index = await RandomImage.WriteIndexAsync(scratch.Store, "cybernode/multi:1", 6, [Platform.LinuxAmd64, new Platform("arm64", "linux", "v8")], Ct);

        var counts = await scratch.PushAsync(index, "team/multi:v1");

        counts.Uploaded.ShouldBe(6);
        await RegistryServer.SkopeoAsync(["copy", "--quiet", "--all", "--src-tls-verify=false", $"docker://{scratch.Server.Host}/team/multi:v1", $"oci:{scratch.Folder.Combine("back")}:x"], Ct);
        using var back = OciLayoutStore.OpenExisting(scratch.Folder.Combine("back"));
        (await back.ListAsync(Ct)).Single().Manifest.Digest.ShouldBe(index.Manifest.Digest);
    }
}

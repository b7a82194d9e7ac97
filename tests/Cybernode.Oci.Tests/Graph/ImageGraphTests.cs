using System.Text;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Graph;

public class ImageGraphTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_walk_gives_every_blob_once_children_before_the_documents_that_name_them()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteIndexAsync(store, "cybernode/multi:1", 7, [Platform.LinuxAmd64, new Platform("arm64", "linux", "v8")], Ct);

        var nodes = await ImageGraph.CollectAsync(new StoreImageSource(store), image.Manifest, Ct);

        nodes.Select(n => n.Descriptor.Digest).ShouldBeUnique();
        nodes[^1].Kind.ShouldBe(GraphNodeKind.Index);
        nodes.Count(n => n.Kind == GraphNodeKind.Manifest).ShouldBe(2);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Kind == GraphNodeKind.Manifest)
            {
                var manifest = OciJson.Deserialize<ImageManifest>(nodes[i].Document!, "manifest");
                var before = nodes.Take(i).Select(n => n.Descriptor.Digest).ToHashSet();
                manifest.Layers.Append(manifest.Config).ShouldAllBe(d => before.Contains(d.Digest));
            }
        }

        nodes.Where(n => n.Kind == GraphNodeKind.Layer).ShouldAllBe(n => n.Document == null && n.DiffId != null);
    }

    [Fact]
    public async Task A_walk_reports_a_missing_layer_and_a_corrupt_config_and_goes_on()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteAsync(store, "cybernode/broken:1", 3, Ct);
        var read = await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Ct);
        await File.WriteAllTextAsync(store.BlobPath(read.Manifest.Config.Digest), "{\"rootfs\":1}", Ct);

        var nodes = new List<GraphNode>();
        await foreach (var node in ImageGraph.WalkAsync(new StoreImageSource(store), image.Manifest, new HashSet<Digest>(), Ct))
        {
            nodes.Add(node);
        }

        nodes.Single(n => n.Kind == GraphNodeKind.Config).Problem.ShouldNotBeNull();
        nodes.Count(n => n.Kind == GraphNodeKind.Layer).ShouldBe(3);
        nodes.Where(n => n.Kind == GraphNodeKind.Layer).ShouldAllBe(n => n.DiffId == null);
        (await Should.ThrowAsync<OciFormatException>(() => ImageGraph.CollectAsync(new StoreImageSource(store), image.Manifest, Ct)))
            .Message.ShouldContain(read.Manifest.Config.Digest.ToString());
    }

    [Fact]
    public async Task An_artifact_manifest_is_walked_without_reading_its_config_as_an_image_config()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var config = await PutBytesAsync(store, "{}", "application/vnd.oci.empty.v1+json");
        var payload = await PutBytesAsync(store, "signature", "application/vnd.dev.cosign.simplesigning.v1+json");
        var manifest = await store.PutJsonAsync(new ImageManifest(config, [payload]), MediaTypes.ImageManifest, Ct);

        var nodes = await ImageGraph.CollectAsync(new StoreImageSource(store), manifest, Ct);

        nodes.Select(n => n.Kind).ShouldBe([GraphNodeKind.Config, GraphNodeKind.Layer, GraphNodeKind.Manifest]);
        nodes[0].Document.ShouldBe(Encoding.UTF8.GetBytes("{}"));
    }

    [Fact]
    public async Task Reading_a_document_refuses_a_blob_longer_than_its_descriptor_without_reading_it_whole()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var big = await store.PutAsync(new MemoryStream(new byte[4 << 20]), null, Ct);
        var claimed = new Descriptor(MediaTypes.ImageConfig, big.Digest, 10);

        var error = await Should.ThrowAsync<OciFormatException>(() => ImageGraph.ReadDocumentAsync(new StoreImageSource(store), claimed, Ct));

        error.Message.ShouldContain("longer than the 10 bytes");
    }

    [Fact]
    public async Task Reading_a_document_refuses_one_larger_than_the_document_limit_unread()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var huge = new Descriptor(MediaTypes.ImageManifest, Digest.Compute([]), OciLimits.MaxDocumentSize + 1);

        var error = await Should.ThrowAsync<OciFormatException>(() => ImageGraph.ReadDocumentAsync(new StoreImageSource(store), huge, Ct));

        error.Message.ShouldContain("too large for a JSON document");
    }

    [Fact]
    public async Task Selecting_a_platform_names_the_platforms_an_index_offers_when_none_fits()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var image = await RandomImage.WriteIndexAsync(store, "cybernode/multi:1", 7, [Platform.LinuxAmd64, new Platform("arm64", "linux", "v8")], Ct);

        var arm = await ImageGraph.SelectPlatformAsync(new StoreImageSource(store), image.Manifest, Platform.Parse("linux/arm64/v8"), Ct);
        var error = await Should.ThrowAsync<OciFormatException>(() => ImageGraph.SelectPlatformAsync(new StoreImageSource(store), image.Manifest, Platform.Parse("linux/s390x"), Ct));

        arm.Config.Architecture.ShouldBe("arm64");
        error.Message.ShouldContain("has no image for linux/s390x; it has linux/amd64, linux/arm64/v8");
    }

    private static async Task<Descriptor> PutBytesAsync(OciLayoutStore store, string text, string mediaType) =>
        (await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, Ct)).Describe(mediaType);
}

using System.Text;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Store;

public class BlobStoreExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadJson_refuses_a_blob_longer_than_its_descriptor_without_reading_all_of_it()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var big = await store.PutAsync(new MemoryStream(new byte[4 << 20]), null, Ct);
        var claimed = new Descriptor(MediaTypes.ImageConfig, big.Digest, 10);

        var error = await Should.ThrowAsync<OciFormatException>(() => store.ReadJsonAsync<ImageConfiguration>(claimed, Ct));

        error.Message.ShouldContain("more than 10");
    }

    [Fact]
    public async Task ReadJson_reads_a_document_that_matches_its_descriptor()
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);
        var descriptor = await store.PutJsonAsync(new RootFs([]), MediaTypes.ImageConfig, Ct);

        (await store.ReadJsonAsync<RootFs>(descriptor, Ct)).DiffIds.ShouldBeEmpty();
        Encoding.UTF8.GetString(OciJson.Serialize(new RootFs([]))).ShouldBe("{\"type\":\"layers\",\"diff_ids\":[]}");
    }
}

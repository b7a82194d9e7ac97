using System.Security.Cryptography;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Layers;

public class LayerWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(LayerCompression.Gzip, MediaTypes.LayerGzip)]
    [InlineData(LayerCompression.Zstd, MediaTypes.LayerZstd)]
    [InlineData(LayerCompression.None, MediaTypes.Layer)]
    public async Task Digest_hashes_the_blob_and_diffId_hashes_the_decompressed_tar(LayerCompression compression, string mediaType)
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        var layer = await WriteLayerAsync(store, compression);

        var blob = await File.ReadAllBytesAsync(folder.Combine("blobs", "sha256", layer.Descriptor.Digest.Hex), Ct);
        layer.Descriptor.MediaType.ShouldBe(mediaType);
        layer.Descriptor.Size.ShouldBe(blob.Length);
        layer.Descriptor.Digest.ShouldBe(Digest.Sha256(SHA256.HashData(blob)));
        await using var decompressed = compression.Decompress(new MemoryStream(blob));
        using var tar = new MemoryStream();
        await decompressed.CopyToAsync(tar, Ct);
        layer.DiffId.ShouldBe(Digest.Sha256(SHA256.HashData(tar.ToArray())));
        if (compression == LayerCompression.None)
        {
            layer.DiffId.ShouldBe(layer.Descriptor.Digest);
        }
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Same_files_give_the_same_layer_digest(LayerCompression compression)
    {
        using var folder = new TempFolder();
        var store = await OciLayoutStore.OpenAsync(folder.Path, Ct);

        var first = await WriteLayerAsync(store, compression);
        var second = await WriteLayerAsync(store, compression);

        second.ShouldBe(first);
    }

    private static async Task<BuiltLayer> WriteLayerAsync(IBlobStore store, LayerCompression compression)
    {
        await using var writer = await LayerWriter.BeginAsync(store, compression, Ct);
        var content = new byte[100_000];
        new Random(7).NextBytes(content.AsSpan(0, 50_000));
        using var stream = new MemoryStream(content);
        await writer.Tar.WriteEntryAsync(new TarEntryHeader("data", TarEntryType.Directory, 493, 0, 0, 0), null, Ct);
        await writer.Tar.WriteEntryAsync(new TarEntryHeader("data/file.bin", TarEntryType.File, 420, 0, 0, 0, content.Length), stream, Ct);
        return await writer.CompleteAsync(Ct);
    }
}

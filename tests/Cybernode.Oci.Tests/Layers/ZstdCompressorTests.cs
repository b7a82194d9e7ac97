using System.Text;
using Cybernode.Oci.Layers;

namespace Cybernode.Oci.Tests.Layers;

public class ZstdCompressorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_bytes_are_the_same_for_any_number_of_workers()
    {
        // Larger than several of zstd's multi-threaded jobs (8 MiB at level 3), so that workers really split it.
        var data = new byte[24 << 20];
        var random = new Random(3);
        for (var offset = 0; offset < data.Length; offset += 1 << 16)
        {
            var span = data.AsSpan(offset, 1 << 16);
            if ((offset >> 16) % 2 == 0)
            {
                random.NextBytes(span);
            }
            else
            {
                Encoding.ASCII.GetBytes(new string((char)('a' + ((offset >> 16) % 26)), span.Length), span);
            }
        }

        var one = await CompressAsync(data, 1);
        var four = await CompressAsync(data, 4);

        four.ShouldBe(one);
        await using var decompressed = LayerCompression.Zstd.Decompress(new MemoryStream(one));
        using var back = new MemoryStream();
        await decompressed.CopyToAsync(back, Ct);
        back.ToArray().ShouldBe(data);
    }

    private static async Task<byte[]> CompressAsync(byte[] data, int workers)
    {
        using var output = new MemoryStream();
        await using (var zstd = Compression.ZstdCompressor(output, workers))
        {
            await zstd.WriteAsync(data, Ct);
        }

        return output.ToArray();
    }
}

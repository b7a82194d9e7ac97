using System.IO.Compression;
using System.Text;
using Cybernode.Oci.Layers;

namespace Cybernode.Oci.Tests.Layers;

public class ParallelGzipStreamTests
{
    private const int Block = ParallelGzipStream.BlockSize;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(Block - 1)]
    [InlineData(Block)]
    [InlineData(Block + 1)]
    [InlineData((3 * Block) + 17)]
    public async Task Gunzips_to_what_was_written_whatever_the_length(int length)
    {
        var data = Mixed(length);

        var gzip = await CompressAsync(data, parallelism: 4);

        Gunzip(gzip).ShouldBe(data);
    }

    [Fact]
    public async Task The_gzip_tool_accepts_it_and_checks_its_crc_and_length()
    {
        using var folder = new TempFolder();
        var data = Mixed((5 * Block) / 2);
        var path = folder.Combine("layer.tar.gz");
        await File.WriteAllBytesAsync(path, await CompressAsync(data, parallelism: 2), Ct);

        await ExternalTool.RunAsync("gzip", ["--test", path], Ct);
        await ExternalTool.RunAsync("gzip", ["--decompress", path], Ct);

        (await File.ReadAllBytesAsync(folder.Combine("layer.tar"), Ct)).ShouldBe(data);
    }

    [Fact]
    public async Task The_bytes_are_the_same_for_any_number_of_workers_and_any_write_sizes()
    {
        var data = Mixed((4 * Block) + 12345);

        var one = await CompressAsync(data, parallelism: 1);
        var eight = await CompressAsync(data, parallelism: 8);
        var byteByByteish = Compress(data, parallelism: 3, chunk: 4093);

        eight.ShouldBe(one);
        byteByByteish.ShouldBe(one);
    }

    [Fact]
    public async Task Data_that_does_not_compress_is_stored_not_inflated()
    {
        var random = new byte[2 * Block];
        new Random(7).NextBytes(random);

        var gzip = await CompressAsync(random, parallelism: 2);

        // Stored blocks cost 5 bytes per 64 KiB, plus the gzip header, end block and trailer.
        gzip.Length.ShouldBeLessThanOrEqualTo(random.Length + (5 * ((random.Length / ushort.MaxValue) + 2)) + 10 + 5 + 8);
        Gunzip(gzip).ShouldBe(random);
    }

    [Fact]
    public async Task Text_compresses()
    {
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"line {i % 977} of a log file\n")));

        var gzip = await CompressAsync(text, parallelism: 2);

        gzip.Length.ShouldBeLessThan(text.Length / 4);
        Gunzip(gzip).ShouldBe(text);
    }

    /// <summary>Half text, half random, so that some blocks deflate and others are stored.</summary>
    private static byte[] Mixed(int length)
    {
        var data = new byte[length];
        var random = new Random(length);
        for (var offset = 0; offset < length; offset += 4096)
        {
            var span = data.AsSpan(offset, Math.Min(4096, length - offset));
            if ((offset / 4096) % 3 == 0)
            {
                random.NextBytes(span);
            }
            else
            {
                Encoding.ASCII.GetBytes(new string((char)('a' + (offset % 26)), span.Length), span);
            }
        }

        return data;
    }

    private static async Task<byte[]> CompressAsync(byte[] data, int parallelism)
    {
        using var output = new MemoryStream();
        await using (var gzip = new ParallelGzipStream(output, leaveOpen: true, parallelism))
        {
            await gzip.WriteAsync(data, Ct);
        }

        return output.ToArray();
    }

    private static byte[] Compress(byte[] data, int parallelism, int chunk)
    {
        using var output = new MemoryStream();
        using (var gzip = new ParallelGzipStream(output, leaveOpen: true, parallelism))
        {
            for (var offset = 0; offset < data.Length; offset += chunk)
            {
                gzip.Write(data, offset, Math.Min(chunk, data.Length - offset));
            }
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

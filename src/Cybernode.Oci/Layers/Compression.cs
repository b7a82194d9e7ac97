using System.IO.Compression;
using Cybernode.Oci.Model;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Cybernode.Oci.Layers;

/// <summary>Maps layer compressions to media types and wraps streams to compress or decompress them.</summary>
public static class Compression
{
    private const int ZstdLevel = 3;

    public static string MediaType(this LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => MediaTypes.LayerGzip,
        LayerCompression.Zstd => MediaTypes.LayerZstd,
        LayerCompression.None => MediaTypes.Layer,
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    public static LayerCompression FromMediaType(string mediaType) => mediaType switch
    {
        MediaTypes.LayerGzip or MediaTypes.DockerLayerGzip => LayerCompression.Gzip,
        MediaTypes.LayerZstd => LayerCompression.Zstd,
        MediaTypes.Layer or MediaTypes.DockerLayer => LayerCompression.None,
        _ => throw new OciFormatException($"unsupported layer media type '{mediaType}'"),
    };

    public static LayerCompression Parse(string text) => text.ToLowerInvariant() switch
    {
        "gzip" => LayerCompression.Gzip,
        "zstd" => LayerCompression.Zstd,
        "none" or "uncompressed" => LayerCompression.None,
        _ => throw new ArgumentException($"unknown compression '{text}': use gzip, zstd or none"),
    };

    /// <summary>A stream that compresses into <paramref name="output"/>; disposing it ends the compressed stream but leaves the output open.</summary>
    public static Stream Compress(this LayerCompression compression, Stream output) => compression switch
    {
        // Deflate level 1 on every core: the image build must keep pace with `tar | pigz -1`.
        LayerCompression.Gzip => new ParallelGzipStream(output, leaveOpen: true),
        LayerCompression.Zstd => ZstdCompressor(output, Environment.ProcessorCount),
        LayerCompression.None => new NonClosingStream(output),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>
    /// zstd in multi-threaded mode: with one worker or more, zstd cuts the input into jobs of a size
    /// fixed by the level, so the bytes are the same for any number of workers (single-threaded
    /// mode, zero workers, would give other bytes).
    /// </summary>
    public static Stream ZstdCompressor(Stream output, int workers)
    {
        var stream = new CompressionStream(output, ZstdLevel, leaveOpen: true);
        stream.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, Math.Max(1, workers));
        return stream;
    }

    public static Stream Decompress(this LayerCompression compression, Stream input) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(input, CompressionMode.Decompress),
        LayerCompression.Zstd => new DecompressionStream(input),
        LayerCompression.None => input,
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>Recognises gzip and zstd by their magic numbers, for archives that do not say.</summary>
    public static LayerCompression Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1f, 0x8b, ..] => LayerCompression.Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => LayerCompression.Zstd,
        _ => LayerCompression.None,
    };
}

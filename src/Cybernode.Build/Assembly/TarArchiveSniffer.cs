using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly;

/// <summary>Recognises what ADD unpacks: a tar archive, plain or gzip or zstd compressed.</summary>
public static class TarArchiveSniffer
{
    private const int TarMagicOffset = 257;

    public static bool IsArchive(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[TarMagicOffset + 8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var compression = Compression.Detect(head.AsSpan(0, read));
        if (compression != LayerCompression.None)
        {
            stream.Position = 0;
            using var decompressed = compression.Decompress(stream);
            read = decompressed.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return read >= TarMagicOffset + 5 && head.AsSpan(TarMagicOffset, 5).SequenceEqual("ustar"u8);
    }
}

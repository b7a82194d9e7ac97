using System.Diagnostics;
using System.Formats.Tar;
using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>
/// ADD unpacks a local tar whatever its compression (none, gzip, bzip2, xz, zstd), recognised by
/// content and not by name as docker does; anything else, compressed or not, is copied as it is.
/// </summary>
public class ArchiveFormatTests
{
    [Theory]
    [InlineData("xz", "payload.tar.xz")]
    [InlineData("bzip2", "payload.tar.bz2")]
    [InlineData("gzip", "payload.tgz")]
    [InlineData("zstd", "payload.tar.zst")]
    [InlineData("xz", "named-anything")]
    [InlineData("bzip2", "payload.tar.gz")]
    public async Task Add_unpacks_a_compressed_tar_recognised_by_its_content(string compressor, string name)
    {
        using var harness = new AssemblyHarness();
        var tar = harness.WriteTar("plain.tar", new PaxTarEntry(TarEntryType.RegularFile, "data/readme.txt")
        {
            DataStream = new MemoryStream("inside"u8.ToArray()),
            Mode = (UnixFileMode)420,
        });
        harness.WriteBytes(name, Compress(compressor, File.ReadAllBytes(tar)));

        var image = await harness.AssembleAsync($"FROM scratch\nADD {name} /srv/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["srv/ 755 0:0 0", "srv/data/ 755 0:0 0", "srv/data/readme.txt 644 0:0 6"]);
    }

    [Theory]
    [InlineData("xz")]
    [InlineData("bzip2")]
    public async Task Add_copies_a_compressed_file_that_is_not_a_tar_as_it_is(string compressor)
    {
        using var harness = new AssemblyHarness();
        var compressed = Compress(compressor, "just text, no tar\n"u8.ToArray());
        harness.WriteBytes("notes.tar.xz", compressed);

        var image = await harness.AssembleAsync("FROM scratch\nADD notes.tar.xz /srv/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["srv/ 755 0:0 0", $"srv/notes.tar.xz 644 0:0 {compressed.Length}"]);
    }

    private static byte[] Compress(string compressor, byte[] data)
    {
        var start = new ProcessStartInfo(compressor, ["-c"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(data);
        process.StandardInput.Close();
        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
        return output.ToArray();
    }
}

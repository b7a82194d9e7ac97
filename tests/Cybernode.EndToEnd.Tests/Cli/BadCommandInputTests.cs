using System.Formats.Tar;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>inspect, import and the command line itself refuse bad input cleanly and leave the store alone.</summary>
public sealed class BadCommandInputTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Inspect_of_an_image_not_in_the_store_says_so_and_how_to_list_the_images()
    {
        await _workspace.SeedStoreAsync(Token);

        var text = await _workspace.RunLeavingStoreUnchangedAsync(["inspect", "cybernode/nope", "--store", _workspace.Store], Token);
        var json = await _workspace.RunLeavingStoreUnchangedAsync(["inspect", "cybernode/nope", "--json", "--store", _workspace.Store], Token);

        text.ShouldFailCleanly(1, "no image 'cybernode/nope'", "cybernode images");
        json.ShouldFailCleanly(1, "no image 'cybernode/nope'");
    }

    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-archive")]
    public async Task Import_of_a_file_that_is_not_an_archive_is_refused_without_touching_the_store(string transport)
    {
        await _workspace.SeedStoreAsync(Token);
        var junk = _workspace.Outside("junk.tar");
        var bytes = new byte[3000];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(junk, bytes, Token);

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["import", $"{transport}:{junk}", "x/junk", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, junk, "not a readable tar");
    }

    [Theory]
    [InlineData("docker-archive")]
    [InlineData("oci-archive")]
    public async Task Import_of_a_truncated_archive_is_refused_without_touching_the_store(string format)
    {
        await _workspace.SeedStoreAsync(Token);
        var archive = await ExportSeedAsync(format);
        var truncated = _workspace.Outside("truncated.tar");
        var bytes = await File.ReadAllBytesAsync(archive, Token);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)], Token);

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["import", $"{format}:{truncated}", "x/truncated", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, truncated, "truncated");
    }

    // The damaged layer must be one the store lacks: a blob the store already holds is not read again.
    [Fact]
    public async Task Import_of_an_archive_with_a_damaged_layer_is_refused_and_the_store_index_is_unchanged()
    {
        await _workspace.SeedStoreAsync(Token);
        using var other = new SmallWorkspace();
        other.AddService("base/other", "FROM scratch\nCOPY note.txt big.bin /data/\n", "note.txt");
        await CybernodeCli.BuildAsync(other.Root, other.Store, Token);
        var archive = other.Outside("other.tar");
        (await CybernodeCli.RunAsync(
            ["export", "cybernode/base-other", "-o", archive, "--format", "oci-archive", "--store", other.Store], Token)).EnsureSuccess();
        var damaged = _workspace.Outside("damaged.tar");
        await DamageLargestBlobAsync(archive, damaged);
        var index = Path.Combine(_workspace.Store, "index.json");
        var indexBefore = await File.ReadAllTextAsync(index, Token);

        var result = await CybernodeCli.RunAsync(["import", $"oci-archive:{damaged}", "x/damaged", "--store", _workspace.Store], Token);
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, damaged, "corrupt");
        (await File.ReadAllTextAsync(index, Token)).ShouldBe(indexBefore);
        images.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("name").GetString())
            .ShouldBe([$"{SmallWorkspace.SeedImage}:latest"]);
    }

    [Theory]
    [InlineData("cybernode build --help", "build", "--frobnicate")]
    [InlineData("cybernode build --help", "build", ".", "--frobnicate")]
    [InlineData("cybernode images --help", "images", "--nope")]
    [InlineData("cybernode inspect --help", "inspect", "-x")]
    [InlineData("cybernode export --help", "export", "cybernode/x", "-o", "out", "--format", "tarball")]
    [InlineData("cybernode --help", "frobnicate")]
    public async Task A_wrong_command_line_exits_2_with_a_pointer_to_the_command_s_help(string help, params string[] arguments)
    {
        await _workspace.SeedStoreAsync(Token);

        var result = await _workspace.RunLeavingStoreUnchangedAsync([.. arguments, "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(2, $"see: {help}\n");
    }

    private async Task<string> ExportSeedAsync(string format)
    {
        var archive = _workspace.Outside($"seed.{format}.tar");
        (await CybernodeCli.RunAsync(
            ["export", SmallWorkspace.SeedImage, "-o", archive, "--format", format, "--store", _workspace.Store], Token)).EnsureSuccess();
        return archive;
    }

    // Rewrites the archive with one byte of its largest entry (the layer) flipped: the tar stays
    // readable, only the blob's digest no longer matches.
    private static async Task DamageLargestBlobAsync(string source, string destination)
    {
        var entries = new List<(TarEntry Entry, byte[] Data)>();
        await using (var input = File.OpenRead(source))
        await using (var reader = new TarReader(input))
        {
            while (await reader.GetNextEntryAsync(copyData: true, Token) is { } entry)
            {
                using var data = new MemoryStream();
                if (entry.DataStream is { } stream)
                {
                    await stream.CopyToAsync(data, Token);
                }

                entries.Add((entry, data.ToArray()));
            }
        }

        var largest = entries.MaxBy(pair => pair.Data.Length).Data;
        largest[largest.Length / 2] ^= 0xff;
        await using var output = File.Create(destination);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var (entry, data) in entries)
        {
            var copy = new PaxTarEntry(entry.EntryType, entry.Name) { Mode = entry.Mode };
            if (data.Length > 0)
            {
                copy.DataStream = new MemoryStream(data);
            }

            await writer.WriteEntryAsync(copy, Token);
        }
    }
}

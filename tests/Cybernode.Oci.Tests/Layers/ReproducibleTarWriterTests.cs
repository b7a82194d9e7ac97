using System.Formats.Tar;
using System.Text;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Tests.Fixtures;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;

namespace Cybernode.Oci.Tests.Layers;

public class ReproducibleTarWriterTests
{
    private const long Mtime = 1_700_000_000; // 2023-11-14 22:13:20 UTC
    private static readonly string LongName = "deep/" + string.Concat(Enumerable.Repeat("folder-0123456789/", 7)) + "file.txt"; // > 100, fits ustar prefix
    private static readonly string VeryLongName = string.Concat(Enumerable.Repeat("a-very-long-folder-name-0123456789/", 9)) + "file.txt"; // > 255: needs pax

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_read_back_with_TarReader_keep_names_modes_owners_times_and_content()
    {
        var archive = await WriteSampleAsync();

        var entries = await ReadAllAsync(archive);

        entries.Select(e => e.Name).ShouldBe(["app/", "app/run.sh", "app/link", LongName, VeryLongName, "naïve-ü.txt"]);
        entries.ShouldAllBe(e => e.Uid == 0 && e.Gid == 0 && e.ModificationTime == DateTimeOffset.FromUnixTimeSeconds(Mtime));
        entries[0].EntryType.ShouldBe(System.Formats.Tar.TarEntryType.Directory);
        ((int)entries[0].Mode).ShouldBe(Convert.ToInt32("755", 8));
        ((int)entries[1].Mode).ShouldBe(Convert.ToInt32("755", 8));
        entries[2].EntryType.ShouldBe(System.Formats.Tar.TarEntryType.SymbolicLink);
        entries[2].LinkName.ShouldBe("run.sh");
        ((int)entries[3].Mode).ShouldBe(Convert.ToInt32("644", 8));
        Encoding.UTF8.GetString(entries[1].Content!).ShouldBe("#!/bin/sh\necho hi\n");
        Encoding.UTF8.GetString(entries[4].Content!).ShouldBe("deep");
    }

    [Fact]
    public async Task System_tar_lists_the_same_names_modes_owners_and_times()
    {
        var archive = await WriteSampleAsync();
        using var folder = new TempFolder();
        var file = folder.Combine("sample.tar");
        await File.WriteAllBytesAsync(file, archive, Ct);

        var listing = await ExternalTool.RunAsync("tar", ["--numeric-owner", "--utc", "-tvf", file], Ct);

        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(6);
        lines[0].ShouldStartWith("drwxr-xr-x 0/0");
        lines[0].ShouldEndWith("2023-11-14 22:13 app/");
        lines[1].ShouldStartWith("-rwxr-xr-x 0/0");
        lines[1].ShouldEndWith(" app/run.sh");
        lines[2].ShouldStartWith("lrwxrwxrwx 0/0");
        lines[2].ShouldEndWith(" app/link -> run.sh");
        lines[3].ShouldStartWith("-rw-r--r-- 0/0");
        lines[3].ShouldEndWith(" " + LongName);
        lines[4].ShouldEndWith(" " + VeryLongName);
        lines[5].ShouldEndWith(" naïve-ü.txt");
    }

    [Fact]
    public async Task Pax_headers_are_named_after_the_entry_not_a_process_id_or_the_clock()
    {
        var archive = await WriteSampleAsync();

        var headerNames = RawHeaders(archive).Where(h => h.TypeFlag == 'x').ToList();

        // The non-ASCII name needs pax too; its pax header keeps only the ASCII of the name.
        headerNames.Select(h => h.Name).ShouldBe(["PaxHeaders/file.txt", "PaxHeaders/nave-.txt"]);
        headerNames.ShouldAllBe(h => h.Mtime == Mtime);
        RawHeaders(archive).ShouldAllBe(h => !h.Name.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Same_entries_give_identical_bytes()
    {
        var first = await WriteSampleAsync();
        await Task.Delay(1100, Ct);
        var second = await WriteSampleAsync();

        second.ShouldBe(first);
    }

    [Fact]
    public async Task File_entry_shorter_than_its_declared_size_is_refused()
    {
        using var output = new MemoryStream();
        var tar = new ReproducibleTarWriter(output);
        using var content = new MemoryStream(new byte[10]);

        await Should.ThrowAsync<IOException>(() => tar.WriteEntryAsync(new TarEntryHeader("f", TarEntryType.File, 420, 0, 0, Mtime, 20), content, Ct));
    }

    private static async Task<byte[]> WriteSampleAsync()
    {
        using var output = new MemoryStream();
        await using (var tar = new ReproducibleTarWriter(output))
        {
            await tar.WriteEntryAsync(new TarEntryHeader("app", TarEntryType.Directory, 493, 0, 0, Mtime), null, Ct);
            await WriteFileAsync(tar, "app/run.sh", 493, "#!/bin/sh\necho hi\n");
            await tar.WriteEntryAsync(new TarEntryHeader("app/link", TarEntryType.Symlink, 511, 0, 0, Mtime, LinkTarget: "run.sh"), null, Ct);
            await WriteFileAsync(tar, LongName, 420, "long");
            await WriteFileAsync(tar, VeryLongName, 420, "deep");
            await WriteFileAsync(tar, "naïve-ü.txt", 420, "utf-8");
        }

        return output.ToArray();
    }

    private static async Task WriteFileAsync(ReproducibleTarWriter tar, string name, int mode, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var content = new MemoryStream(bytes);
        await tar.WriteEntryAsync(new TarEntryHeader(name, TarEntryType.File, mode, 0, 0, Mtime, bytes.Length), content, Ct);
    }

    private static async Task<List<(string Name, System.Formats.Tar.TarEntryType EntryType, UnixFileMode Mode, int Uid, int Gid, DateTimeOffset ModificationTime, string LinkName, byte[]? Content)>> ReadAllAsync(byte[] archive)
    {
        var entries = new List<(string, System.Formats.Tar.TarEntryType, UnixFileMode, int, int, DateTimeOffset, string, byte[]?)>();
        await using var reader = new TarReader(new MemoryStream(archive));
        while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
        {
            byte[]? content = null;
            if (entry.DataStream is not null)
            {
                using var buffer = new MemoryStream();
                await entry.DataStream.CopyToAsync(buffer, Ct);
                content = buffer.ToArray();
            }

            entries.Add((entry.Name, entry.EntryType, entry.Mode, entry.Uid, entry.Gid, entry.ModificationTime, entry.LinkName, content));
        }

        return entries;
    }

    /// <summary>The raw ustar headers, pax headers included, as a reader that does not interpret pax sees them.</summary>
    private static IEnumerable<(string Name, char TypeFlag, long Mtime)> RawHeaders(byte[] archive)
    {
        var offset = 0;
        while (offset + 512 <= archive.Length && archive[offset] != 0)
        {
            var header = archive.AsSpan(offset, 512);
            var name = Encoding.UTF8.GetString(header[..100]).TrimEnd('\0');
            var size = Convert.ToInt64(Encoding.ASCII.GetString(header.Slice(124, 11)), 8);
            var mtime = Convert.ToInt64(Encoding.ASCII.GetString(header.Slice(136, 11)), 8);
            yield return (name, (char)header[156], mtime);
            offset += 512 + (int)((size + 511) / 512 * 512);
        }
    }
}

using System.Formats.Tar;
using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>
/// Points where the in-process assembler built a different image than docker, BuildKit and buildah,
/// found by tests/Cybernode.Differential.Tests; each test pins the engines' behaviour.
/// </summary>
public class EngineParityTests
{
    [Fact]
    public async Task A_glob_that_matches_one_file_copies_it_to_a_destination_without_a_slash_as_that_file()
    {
        using var harness = new AssemblyHarness();
        harness.Write("app-1.2.txt", "one");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY app-*.txt /single\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["single 644 0:0 3"]);
    }

    [Fact]
    public async Task Add_chown_owns_the_folders_it_creates_but_archive_entries_keep_their_owners()
    {
        using var harness = new AssemblyHarness();
        using (var buffer = new MemoryStream())
        {
            await using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "data.txt")
                {
                    DataStream = new MemoryStream("inside"u8.ToArray()),
                    Mode = (UnixFileMode)420,
                    Uid = 1000,
                    Gid = 1001,
                };
                await writer.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
            }

            harness.WriteBytes("payload.tar", buffer.ToArray());
        }

        var image = await harness.AssembleAsync("FROM scratch\nADD --chown=7:8 payload.tar /srv/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["srv/ 755 7:8 0", "srv/data.txt 644 1000:1001 6"]);
    }

    [Fact]
    public async Task A_folder_excluded_by_dockerignore_is_still_copied_around_a_path_an_exception_brings_back()
    {
        using var harness = new AssemblyHarness();
        harness.Write("sub/a.txt", "a");
        harness.Write("sub/inner/wanted.txt", "wanted");
        harness.Write("sub/inner/unwanted.txt", "unwanted");
        harness.Write(".dockerignore", "sub/inner\n!sub/inner/wanted.txt\n");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY sub /d/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(
            ["d/ 755 0:0 0", "d/a.txt 644 0:0 1", "d/inner/ 755 0:0 0", "d/inner/wanted.txt 644 0:0 6"]);
    }
}

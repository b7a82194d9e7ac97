using System.Formats.Tar;
using Cybernode.Build.Tests.Fixtures;
using ArchiveEntryType = System.Formats.Tar.TarEntryType;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>
/// Each COPY and ADD lands on the image built so far as BuildKit puts it there: into a folder that
/// exists, through the image's links but never above its root, and with whiteouts where a folder
/// becomes a file or the reverse.
/// </summary>
public class LayerPlacementTests
{
    [Fact]
    public async Task A_file_copied_to_an_existing_folder_without_a_slash_goes_into_it()
    {
        using var harness = new AssemblyHarness();
        harness.Write("sub/b.txt", "b");
        harness.Write("a.txt", "a");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY --chown=7:8 sub /d/\nCOPY a.txt /d\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[1])).ShouldBe(["d/ 755 7:8 0", "d/a.txt 644 0:0 1"]);
    }

    [Fact]
    public async Task A_file_copied_over_a_file_replaces_it_and_a_missing_destination_takes_the_name()
    {
        using var harness = new AssemblyHarness();
        harness.Write("a.txt", "a");
        harness.Write("b.txt", "bb");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY a.txt /d\nCOPY b.txt /d\nCOPY b.txt /e\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[1])).ShouldBe(["d 644 0:0 2"]);
        (await harness.LayerListingAsync(image.Manifest.Layers[2])).ShouldBe(["e 644 0:0 2"]);
    }

    [Fact]
    public async Task A_destination_below_a_file_of_the_image_is_refused()
    {
        using var harness = new AssemblyHarness();
        harness.Write("a.txt", "a");

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync("FROM scratch\nCOPY a.txt /d\nCOPY a.txt /d/x/\n"));

        error.Line.ShouldBe(3);
        error.Message.ShouldContain("'/d', which is a file in the image");
    }

    [Fact]
    public async Task A_copy_through_a_link_of_the_image_lands_where_the_link_leads()
    {
        using var harness = new AssemblyHarness();
        harness.WriteTar("links.tar", Dir("opt/"), Dir("opt/app/"), Link("app", "/opt/app"), Link("up", "../../.."));
        harness.Write("a.txt", "a");

        var image = await harness.AssembleAsync("FROM scratch\nADD links.tar /\nCOPY a.txt /app/\nCOPY a.txt /up/b.txt\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[1])).ShouldBe(["opt/ 755 0:0 0", "opt/app/ 755 0:0 0", "opt/app/a.txt 644 0:0 1"]);
        (await harness.LayerListingAsync(image.Manifest.Layers[2])).ShouldBe(["b.txt 644 0:0 1"]);
    }

    [Fact]
    public async Task Archive_entries_through_links_are_resolved_inside_the_image_root()
    {
        using var harness = new AssemblyHarness();
        harness.WriteTar("evil.tar",
            Link("etc-link", "/etc"),
            File("etc-link/passwd", "root"),
            Link("up", "../../.."),
            File("up/escaped", "x"),
            File("../../climbed", "y"));

        var image = await harness.AssembleAsync("FROM scratch\nADD evil.tar /srv/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe([
            "srv/ 755 0:0 0",
            "etc/ 755 0:0 0",
            "srv/etc-link 777 0:0 0 -> /etc",
            "etc/passwd 644 0:0 4",
            "srv/up 777 0:0 0 -> ../../..",
            "escaped 644 0:0 1",
            "climbed 644 0:0 1",
        ]);
    }

    [Fact]
    public async Task A_hard_link_to_a_file_of_the_same_archive_is_kept_under_its_resolved_name()
    {
        using var harness = new AssemblyHarness();
        harness.WriteTar("links.tar", Link("dir", "real"), Dir("real/"), File("dir/data", "12345"), HardLink("copy", "dir/data"));

        var image = await harness.AssembleAsync("FROM scratch\nADD links.tar /x/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe([
            "x/ 755 0:0 0",
            "x/dir 777 0:0 0 -> real",
            "x/real/ 755 0:0 0",
            "x/real/data 644 0:0 5",
            "x/copy 644 0:0 0 -> x/real/data",
        ]);
    }

    [Theory]
    [InlineData("../../../etc/shadow")]
    [InlineData("missing")]
    [InlineData("/etc/passwd")]
    public async Task A_hard_link_to_anything_but_an_earlier_file_of_the_archive_is_refused(string target)
    {
        using var harness = new AssemblyHarness();
        harness.WriteTar("links.tar", File("present", "p"), HardLink("link", target));

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync("FROM scratch\nADD links.tar /x/\n"));

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("links.tar holds a hard link");
        error.Hint!.ShouldContain("--hard-dereference");
    }

    [Fact]
    public async Task An_archive_replacing_a_folder_with_a_file_whites_the_folder_out()
    {
        using var harness = new AssemblyHarness();
        harness.Write("sub/x", "x");
        harness.WriteTar("swap.tar", File("d", "file now"), Dir("f/"), File("f/y", "y"));
        harness.Write("f", "a file");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY sub /d/\nCOPY f /f\nADD swap.tar /\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[2])).ShouldBe([".wh.d 0 0:0 0", ".wh.f 0 0:0 0", "d 644 0:0 8", "f/ 755 0:0 0", "f/y 644 0:0 1"]);
    }

    [Fact]
    public async Task A_folder_emptied_and_made_again_in_one_layer_carries_an_opaque_whiteout()
    {
        using var harness = new AssemblyHarness();
        harness.Write("sub/x", "x");
        harness.WriteTar("again.tar", File("d", "file"), Dir("d/"), File("d/z", "z"));

        var image = await harness.AssembleAsync("FROM scratch\nCOPY sub /d/\nADD again.tar /\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[1])).ShouldBe(["d/.wh..wh..opq 0 0:0 0", "d/ 755 0:0 0", "d/z 644 0:0 1"]);
    }

    [Fact]
    public async Task Copy_from_an_image_sees_its_files_at_the_paths_its_links_resolve_to()
    {
        using var harness = new AssemblyHarness();
        harness.WriteTar("links.tar", Link("etc-link", "/etc"), File("etc-link/conf", "c"));

        var image = await harness.AssembleAsync("FROM scratch AS base\nADD links.tar /\nFROM scratch\nCOPY --from=base / /copy/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe([
            "copy/ 755 0:0 0", "copy/etc-link 777 0:0 0 -> /etc", "copy/etc/ 755 0:0 0", "copy/etc/conf 644 0:0 1",
        ]);
    }

    private static PaxTarEntry Dir(string name) => new PaxTarEntry(ArchiveEntryType.Directory, name) { Mode = (UnixFileMode)493 };

    private static PaxTarEntry Link(string name, string target) => new PaxTarEntry(ArchiveEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)511 };

    private static PaxTarEntry HardLink(string name, string target) => new PaxTarEntry(ArchiveEntryType.HardLink, name) { LinkName = target, Mode = (UnixFileMode)420 };

    private static PaxTarEntry File(string name, string content) =>
        new PaxTarEntry(ArchiveEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)420 };
}

using System.Diagnostics;
using System.Formats.Tar;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>
/// Context files that are hard links of each other stay hard-linked when one COPY takes them, as in
/// docker, BuildKit and buildah: the first name in the layer's order holds the content, the others
/// are hard-link entries to it, whatever order the names were made in.
/// </summary>
public class HardLinkCopyTests
{
    private const string CopyAll = "FROM scratch\nCOPY sub /d/\n";

    private static AssemblyHarness LinkedContext()
    {
        var harness = new AssemblyHarness();
        // The later name is made first, so the file entry cannot follow creation or listing order.
        var original = harness.Write("sub/z.txt", "shared\n");
        Link(original, Path.Combine(harness.Context, "sub", "a.txt"));
        harness.Write("sub/other.txt", "shared\n");
        return harness;
    }

    private static void Link(string existing, string newName)
    {
        using var ln = Process.Start("ln", [existing, newName]);
        ln.WaitForExit();
        ln.ExitCode.ShouldBe(0);
    }

    private static async Task<List<string>> EntriesAsync(AssemblyHarness harness, Descriptor layer)
    {
        var store = OciLayoutStore.OpenExisting(harness.StorePath);
        await using var blob = await store.OpenReadAsync(layer.Digest, CancellationToken.None);
        await using var tar = Compression.FromMediaType(layer.MediaType).Decompress(blob);
        await using var reader = new TarReader(tar);
        var lines = new List<string>();
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            lines.Add($"{entry.EntryType} {entry.Name} {entry.Length} {entry.LinkName}".TrimEnd());
        }

        return lines;
    }

    [Fact]
    public async Task Hard_linked_context_files_become_one_file_and_a_hard_link_to_the_first_name()
    {
        using var harness = LinkedContext();

        var image = await harness.AssembleAsync(CopyAll);

        (await EntriesAsync(harness, image.Manifest.Layers.Single())).ShouldBe([
            "Directory d/ 0",
            "RegularFile d/a.txt 7",
            "RegularFile d/other.txt 7",
            "HardLink d/z.txt 0 d/a.txt",
        ]);
    }

    [Fact]
    public async Task A_hard_link_of_the_context_that_one_copy_takes_alone_is_a_plain_file()
    {
        using var harness = LinkedContext();

        var image = await harness.AssembleAsync("FROM scratch\nCOPY sub/z.txt /d/\n");

        (await EntriesAsync(harness, image.Manifest.Layers.Single())).ShouldBe(["Directory d/ 0", "RegularFile d/z.txt 7"]);
    }

    [Fact]
    public async Task Breaking_a_hard_link_builds_the_image_again_though_every_file_reads_the_same()
    {
        using var harness = LinkedContext();
        var first = await harness.AssembleImageAsync(CopyAll);
        var linked = Path.Combine(harness.Context, "sub", "z.txt");
        File.Delete(linked);
        harness.Write("sub/z.txt", "shared\n");

        var second = await harness.AssembleImageAsync(CopyAll);

        second.FromCache.ShouldBeFalse();
        second.Manifest.Digest.ShouldNotBe(first.Manifest.Digest);
    }

    [Fact]
    public async Task Umoci_unpacks_the_two_names_as_one_file_with_two_links()
    {
        using var harness = LinkedContext();
        await harness.AssembleImageAsync(CopyAll, name: "hardlinks");
        // A sibling of the store inside the harness's scratch folder, removed with it.
        var bundle = harness.StorePath + "-bundle";

        await RunAsync("umoci", "unpack", "--image", $"{harness.StorePath}:hardlinks", bundle);

        var rootfs = Path.Combine(bundle, "rootfs", "d");
        var a = (await RunAsync("stat", "-c", "%h %i", Path.Combine(rootfs, "a.txt"))).Trim();
        var z = (await RunAsync("stat", "-c", "%h %i", Path.Combine(rootfs, "z.txt"))).Trim();
        a.ShouldStartWith("2 ");
        z.ShouldBe(a);
        (await RunAsync("stat", "-c", "%h", Path.Combine(rootfs, "other.txt"))).Trim().ShouldBe("1");
        File.ReadAllText(Path.Combine(rootfs, "z.txt")).ShouldBe("shared\n");
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', arguments)}: {await error}");
        return await output;
    }
}

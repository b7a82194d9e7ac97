using System.Formats.Tar;
using System.Text.Json;
using Cybernode.Oci.Store;
using Cybernode.Providers.Archives;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Archives;

/// <summary>The archives the engines load (the engine tests load them for real); here, what is inside.</summary>
public sealed class ImageArchiveWriterTests
{
    [Fact]
    public async Task An_oci_archive_is_a_layout_naming_the_image_by_its_familiar_name()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        var image = await BusyboxBase.GetAsync();

        var entries = await ReadAsync(image.ArchivePath(ArchiveFormat.OciArchive));

        entries.Keys.ShouldContain("oci-layout");
        using var index = JsonDocument.Parse(entries["index.json"]);
        var manifest = index.RootElement.GetProperty("manifests").EnumerateArray().Single();
        manifest.GetProperty("annotations").GetProperty(OciLayoutStore.RefNameAnnotation).GetString().ShouldBe(BusyboxBase.Name);
        var digest = manifest.GetProperty("digest").GetString()!;
        entries.Keys.ShouldContain("blobs/sha256/" + digest["sha256:".Length..]);
        entries.Keys.Count(k => k.StartsWith("blobs/sha256/", StringComparison.Ordinal) && k.Length > "blobs/sha256/".Length).ShouldBe(3);
    }

    [Fact]
    public async Task A_docker_archive_lists_config_tags_and_layers_in_manifest_json()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        var image = await BusyboxBase.GetAsync();

        var entries = await ReadAsync(image.ArchivePath(ArchiveFormat.DockerArchive));

        var manifest = JsonSerializer.Deserialize<DockerArchiveEntry[]>(entries["manifest.json"])!.Single();
        manifest.RepoTags.ShouldBe([BusyboxBase.Name]);
        entries.Keys.ShouldContain(manifest.Config);
        manifest.Layers.ShouldHaveSingleItem();
        entries.Keys.ShouldContain(manifest.Layers[0]);
    }

    [Fact]
    public async Task The_same_image_gives_the_same_archive_bytes()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        var image = await BusyboxBase.GetAsync();
        using var folder = new TempFolder();
        var again = folder.Combine("again.tar");

        await ImageArchiveWriter.WriteAsync(image.Store, BusyboxBase.Name, again, ArchiveFormat.OciArchive, TestContext.Current.CancellationToken);

        (await File.ReadAllBytesAsync(again, TestContext.Current.CancellationToken))
            .ShouldBe(await File.ReadAllBytesAsync(image.ArchivePath(ArchiveFormat.OciArchive), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writing_an_image_the_store_lacks_says_so()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        var image = await BusyboxBase.GetAsync();
        using var folder = new TempFolder();

        var error = await Should.ThrowAsync<ProviderException>(
            () => ImageArchiveWriter.WriteAsync(image.Store, "cybernode/absent:latest", folder.Combine("x.tar"), ArchiveFormat.DockerArchive, TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith("there is no image cybernode/absent:latest in ");
    }

    private static async Task<Dictionary<string, byte[]>> ReadAsync(string archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var file = File.OpenRead(archive);
        await using var reader = new TarReader(file);
        while (await reader.GetNextEntryAsync(copyData: false, TestContext.Current.CancellationToken) is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(content, TestContext.Current.CancellationToken);
            }

            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }
}

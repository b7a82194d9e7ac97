using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Transports;
using Cybernode.Oci.Validation;

namespace Cybernode.Oci.Tests.Transports;

public class DockerArchiveTransportTests
{
    private const string Name = TransportScratch.Name;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_is_read_by_skopeo_with_uncompressed_layers_named_by_diffId()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(31);
        var config = (await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest)).Config;
        var archive = scratch.Combine("image.tar");

        await scratch.ExportAsync(image, archive);

        using var inspect = JsonDocument.Parse(await ExternalTool.RunAsync("skopeo", ["inspect", $"docker-archive:{archive}"], Ct));
        inspect.RootElement.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()).ShouldBe(config.RootFs.DiffIds.Select(d => d.ToString()));
        inspect.RootElement.GetProperty("Architecture").GetString().ShouldBe("amd64");
        var manifest = await ReadEntryAsync(archive, "manifest.json");
        using var parsed = JsonDocument.Parse(manifest);
        parsed.RootElement[0].GetProperty("RepoTags")[0].GetString().ShouldBe(Name);
        (await ReadEntryAsync(archive, "repositories")).ShouldContain("\"cybernode/random\"");
        Directory.GetFiles(scratch.Folder.Path).ShouldBe([archive]);
    }

    [Fact]
    public async Task Podman_loads_the_export_under_its_full_name()
    {
        await using var podman = await PodmanSandbox.CreateAsync(Ct);
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(32, layers: 2);
        var archive = await scratch.ExportToAsync(image, "image.tar");

        var names = await podman.LoadAsync(archive, Ct);

        names.ShouldContain(n => n.EndsWith("/" + Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Round_trip_keeps_config_and_diffIds()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(33, compression: LayerCompression.Zstd);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(archive, other);

        imported.Name.ShouldBe(Name);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
        var original = await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest);
        var copy = await TransportScratch.ReadAmd64Async(other, imported.Manifest);
        copy.Manifest.Config.Digest.ShouldBe(original.Manifest.Config.Digest);
        copy.Manifest.Layers.ShouldAllBe(l => l.MediaType == MediaTypes.Layer);
    }

    [Fact]
    public async Task Import_reads_an_archive_that_skopeo_wrote()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(34);
        var archive = scratch.Combine("skopeo.tar");
        await scratch.SkopeoCopyAsync(image, $"docker-archive:{archive}:busybox:1.36");
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(archive, other);

        imported.Name.ShouldBe("busybox:1.36");
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
        var original = await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest);
        var copy = await TransportScratch.ReadAmd64Async(other, imported.Manifest);
        copy.Config.RootFs.DiffIds.ShouldBe(original.Config.RootFs.DiffIds);
    }

    [Fact]
    public async Task Gzip_layers_are_kept_as_they_are_so_the_manifest_digest_comes_back()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(35);
        var original = await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest);
        var archive = scratch.Combine("gzip.tar");
        await WriteClassicArchiveAsync(scratch.Store, original, archive, ["cybernode/gzip:1"]);
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(archive, other);

        imported.Name.ShouldBe("cybernode/gzip:1");
        imported.Manifest.Digest.ShouldBe(image.Manifest.Digest);
        (await ImageValidator.ValidateAsync(other, imported.Manifest, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Archive_holding_an_OCI_layout_like_docker_25_is_imported_under_its_containerd_name()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(36);
        var ociArchive = scratch.Combine("oci.tar");
        await ImageTransport.ExportAsync(scratch.Store, image, TransportReference.Parse($"oci-archive:{ociArchive}:latest"), Ct);
        var archive = scratch.Combine("docker25.tar");
        await RewriteIndexAsync(ociArchive, archive, json => json.Replace(
            "\"org.opencontainers.image.ref.name\":\"latest\"",
            "\"io.containerd.image.name\":\"docker.io/cybernode/saved:25\",\"org.opencontainers.image.ref.name\":\"25\"",
            StringComparison.Ordinal));
        var other = await scratch.OpenOtherStoreAsync();

        var imported = await scratch.ImportAsync(archive, other);

        imported.Name.ShouldBe("cybernode/saved:25");
        imported.Manifest.Digest.ShouldBe(image.Manifest.Digest);
    }

    [Fact]
    public async Task Multi_platform_image_exports_its_linux_amd64_image()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await RandomImage.WriteIndexAsync(scratch.Store, Name, 37, [new Platform("arm64", "linux", "v8"), Platform.LinuxAmd64], Ct);
        var amd64 = await TransportScratch.ReadAmd64Async(scratch.Store, image.Manifest);
        var archive = scratch.Combine("image.tar");

        var exported = await scratch.ExportAsync(image, archive);

        exported.Manifest.Digest.ShouldBe(amd64.ManifestDescriptor.Digest);
        (await ReadEntryAsync(archive, "manifest.json")).ShouldContain($"\"{amd64.Manifest.Config.Digest.Hex}.json\"");
    }

    [Fact]
    public async Task Layer_that_does_not_match_its_diffId_is_refused_and_the_store_index_is_unchanged()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(38);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        await ArchiveDamage.CorruptLargestEntryAsync(archive, Ct);
        var indexBefore = await TransportScratch.ReadIndexAsync(scratch.Store);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(archive, scratch.Store, "cybernode/other:1"));

        error.Message.ShouldContain("corrupt");
        error.Message.ShouldContain("diff_id");
        (await TransportScratch.ReadIndexAsync(scratch.Store)).ShouldBe(indexBefore);
    }

    [Fact]
    public async Task Truncated_archive_is_refused_with_a_clear_message()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(39);
        var archive = await scratch.ExportToAsync(image, "image.tar");
        ArchiveDamage.Truncate(archive, 0.5);

        var error = await Should.ThrowAsync<OciFormatException>(() => scratch.ImportAsync(archive, scratch.Store));

        error.Message.ShouldContain("truncated");
        error.Message.ShouldContain(archive);
    }

    [Fact]
    public async Task Export_refuses_a_name_that_is_not_an_image_reference()
    {
        using var scratch = await TransportScratch.OpenAsync("docker-archive");
        var image = await scratch.WriteImageAsync(40, layers: 1);

        await Should.ThrowAsync<FormatException>(() => scratch.ExportAsync(image, $"{scratch.Combine("x.tar")}:Not/Valid"));
        File.Exists(scratch.Combine("x.tar")).ShouldBeFalse();
    }

    /// <summary>A docker-archive as older tools wrote them, with the store's gzip layers copied in as they are.</summary>
    private static async Task WriteClassicArchiveAsync(OciLayoutStore store, PlatformImage image, string archive, IReadOnlyList<string> repoTags)
    {
        await using var file = File.Create(archive);
        await using var writer = new TarWriter(file, TarEntryFormat.Pax);
        var layers = image.Manifest.Layers.Select((l, i) => $"layer{i}/layer.tar").ToList();
        var manifest = JsonSerializer.Serialize(new[] { new { Config = "config.json", RepoTags = repoTags, Layers = layers } });
        await AddAsync(writer, "manifest.json", new MemoryStream(Encoding.UTF8.GetBytes(manifest)));
        await AddAsync(writer, "config.json", await store.OpenReadAsync(image.Manifest.Config.Digest, Ct));
        for (var i = 0; i < layers.Count; i++)
        {
            await AddAsync(writer, layers[i], await store.OpenReadAsync(image.Manifest.Layers[i].Digest, Ct));
        }
    }

    private static async Task AddAsync(TarWriter writer, string name, Stream content)
    {
        await using (content)
        {
            await writer.WriteEntryAsync(new PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = content }, Ct);
        }
    }

    /// <summary>Copies an archive entry by entry, passing index.json through <paramref name="edit"/>.</summary>
    private static async Task RewriteIndexAsync(string source, string target, Func<string, string> edit)
    {
        await using var input = File.OpenRead(source);
        await using var reader = new TarReader(input);
        await using var output = File.Create(target);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
        {
            if (entry.Name == "index.json")
            {
                using var text = new StreamReader(entry.DataStream!);
                var edited = edit(await text.ReadToEndAsync(Ct));
                edited.ShouldContain("io.containerd.image.name");
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(edited));
            }

            await writer.WriteEntryAsync(entry, Ct);
        }
    }

    private static async Task<string> ReadEntryAsync(string archive, string name)
    {
        await using var file = File.OpenRead(archive);
        await using var reader = new TarReader(file);
        while (await reader.GetNextEntryAsync(copyData: false, Ct) is { } entry)
        {
            if (entry.Name == name)
            {
                using var text = new StreamReader(entry.DataStream!);
                return await text.ReadToEndAsync(Ct);
            }
        }

        throw new InvalidOperationException($"{archive} has no {name}");
    }
}

using System.Text;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Tests.Assembly;

public class MultiStageTests
{
    private const UnixFileMode Executable = (UnixFileMode)493;

    [Fact]
    public async Task Copy_from_an_earlier_stage_takes_its_files_with_their_owners_and_skips_unused_stages()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/app", "binary", Executable);

        var image = await harness.AssembleAsync("""
            FROM scratch AS unused
            RUN this would fail if the stage were built
            FROM scratch AS builder
            COPY --chown=10:20 bin/app /out/app
            FROM scratch
            COPY --from=builder /out/app /cyberapp/
            COPY --from=1 /out /copy-of-out
            """);

        image.Manifest.Layers.Count.ShouldBe(2);
        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["cyberapp/ 755 0:0 0", "cyberapp/app 755 10:20 6"]);
        (await harness.LayerListingAsync(image.Manifest.Layers[1])).ShouldBe(["copy-of-out/ 755 0:0 0", "copy-of-out/app 755 10:20 6"]);
        (await harness.LayerFileAsync(image.Manifest.Layers[0], "cyberapp/app")).ShouldBe("binary");
    }

    [Fact]
    public async Task Copy_from_an_image_in_the_store_sees_its_layers_with_whiteouts_applied_and_links_followed()
    {
        using var harness = new AssemblyHarness();
        await StoreImageWithWhiteoutAsync(harness.StorePath);

        var image = await harness.AssembleAsync("""
            FROM scratch
            COPY --from=example/layered /etc/ /copied/
            COPY --from=example/layered /current /linked
            """);

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["copied/ 755 0:0 0", "copied/kept.conf 644 0:0 4"]);
        (await harness.LayerFileAsync(image.Manifest.Layers[1], "linked")).ShouldBe("v2");
    }

    [Fact]
    public async Task The_target_stage_is_built_instead_of_the_last()
    {
        using var harness = new AssemblyHarness();
        harness.Write("a", "a");
        harness.Write("b", "b");

        var image = await harness.AssembleAsync("FROM scratch AS first\nCOPY a /\nFROM scratch\nCOPY b /\n", target: "first");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["a 644 0:0 1"]);
    }

    [Fact]
    public async Task An_unknown_target_names_the_stages_there_are()
    {
        using var harness = new AssemblyHarness();

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync("FROM scratch AS one\nFROM scratch AS two\n", target: "three"));

        error.Hint!.ShouldContain("one, two");
    }

    [Fact]
    public async Task A_later_stage_can_start_from_an_earlier_one()
    {
        using var harness = new AssemblyHarness();
        harness.Write("a", "a");

        var image = await harness.AssembleAsync("FROM scratch AS base\nCOPY a /\nENV FROM_BASE=1\nFROM base\nENV MINE=2\n");

        image.Manifest.Layers.Count.ShouldBe(1);
        image.Config.Config!.Env.ShouldBe(["FROM_BASE=1", "MINE=2"]);
    }

    /// <summary>Two layers: the first writes /etc/gone.conf, /etc/kept.conf, /v1 and a link /current -> v1; the second deletes gone.conf and points /current at /v2.</summary>
    private static async Task StoreImageWithWhiteoutAsync(string storePath)
    {
        var store = await OciLayoutStore.OpenAsync(storePath, CancellationToken.None);
        async Task<BuiltLayer> Layer(params (string Name, TarEntryType Type, string? Content, string? Link)[] entries)
        {
            await using var writer = await LayerWriter.BeginAsync(store, LayerCompression.Gzip, CancellationToken.None);
            foreach (var (name, type, content, link) in entries)
            {
                var bytes = content is null ? null : Encoding.UTF8.GetBytes(content);
                var header = new TarEntryHeader(name, type, type == TarEntryType.Directory ? 493 : 420, 0, 0, 0, bytes?.Length ?? 0, link);
                await writer.Tar.WriteEntryAsync(header, bytes is null ? null : new MemoryStream(bytes), CancellationToken.None);
            }

            return await writer.CompleteAsync(CancellationToken.None);
        }

        var lower = await Layer(
            ("current", TarEntryType.Symlink, null, "v1"),
            ("etc/", TarEntryType.Directory, null, null),
            ("etc/gone.conf", TarEntryType.File, "gone", null),
            ("etc/kept.conf", TarEntryType.File, "kept", null),
            ("v1", TarEntryType.File, "v1", null));
        var upper = await Layer(
            ("current", TarEntryType.Symlink, null, "/v2"),
            ("etc/.wh.gone.conf", TarEntryType.File, "", null),
            ("v2", TarEntryType.File, "v2", null));
        var config = ImageConfiguration.Empty(Platform.LinuxAmd64) with { RootFs = new RootFs([lower.DiffId, upper.DiffId]) };
        var configDescriptor = await store.PutJsonAsync(config, MediaTypes.ImageConfig, CancellationToken.None);
        var manifest = await store.PutJsonAsync(new ImageManifest(configDescriptor, [lower.Descriptor, upper.Descriptor]), MediaTypes.ImageManifest, CancellationToken.None);
        await store.TagAsync("example/layered:latest", manifest, CancellationToken.None);
    }
}

using System.Text.Json;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// Separate `cybernode push` runs to two repositories of one registry: the second mounts the layers
/// the first pushed (recorded in the user's cache folder) instead of uploading them again.
/// </summary>
public sealed class BlobMountAcrossRunsTests : IDisposable
{
    // Image b is a's two layers plus one of its own: same seed, one layer more.
    private const string ImageA = "shared/a:1";
    private const string ImageB = "shared/b:1";

    private readonly TempFolder _folder = new("cybernode-mounts-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Store => _folder.Combine("store");

    private string CacheFile => _folder.Combine("cache", "cybernode", "blob-locations");

    [Fact]
    public async Task A_second_run_mounts_the_layers_the_first_run_pushed_to_another_repository()
    {
        var (_, layersOfB) = await WriteImagesAsync();
        await using var registry = await RegistryServer.StartAsync(Token);

        var first = await PushAsync(ImageA, $"{registry.Host}/one/a:1", Cache("cache"));
        var second = await PushAsync(ImageB, $"{registry.Host}/two/b:1", Cache("cache"));

        Blobs(first).ShouldBe(new BlobNumbers(Uploaded: 3, Existing: 0, Mounted: 0));
        Blobs(second).ShouldBe(new BlobNumbers(Uploaded: 2, Existing: 0, Mounted: 2));
        second.GetProperty("bytes").GetInt64().ShouldBeLessThan(first.GetProperty("bytes").GetInt64() + layersOfB[2].Size);
        var pulled = await CybernodeCli.JsonAsync(["pull", $"{registry.Host}/two/b:1", "--json", "--store", _folder.Combine("pulled")], Token);
        pulled.GetProperty("digest").GetString().ShouldBe(second.GetProperty("digest").GetString());
        var lines = await File.ReadAllLinesAsync(CacheFile, Token);
        lines.ShouldContain(line => line.StartsWith($"{layersOfB[0].Digest} {registry.Host} two/b ", StringComparison.Ordinal));
        Directory.EnumerateFileSystemEntries(Store, "blob-locations*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_the_first_runs_record_the_second_run_uploads_every_blob()
    {
        await WriteImagesAsync();
        await using var registry = await RegistryServer.StartAsync(Token);

        await PushAsync(ImageA, $"{registry.Host}/one/a:1", Cache("first"));
        var second = await PushAsync(ImageB, $"{registry.Host}/two/b:1", Cache("second"));

        Blobs(second).ShouldBe(new BlobNumbers(Uploaded: 4, Existing: 0, Mounted: 0));
    }

    [Fact]
    public async Task A_pull_is_remembered_as_well_as_a_push()
    {
        await WriteImagesAsync();
        await using var registry = await RegistryServer.StartAsync(Token);
        await PushAsync(ImageA, $"{registry.Host}/one/a:1", Cache("pusher"));

        await CybernodeCli.JsonAsync(["pull", $"{registry.Host}/one/a:1", "--json", "--store", _folder.Combine("pulled")], Token, Cache("cache"));
        var second = await PushAsync(ImageB, $"{registry.Host}/two/b:1", Cache("cache"));

        Blobs(second).Mounted.ShouldBe(2);
    }

    [Fact]
    public async Task A_repository_that_no_longer_holds_a_blob_is_tried_then_the_blob_is_uploaded()
    {
        var (_, layersOfB) = await WriteImagesAsync();
        await using var registry = await RegistryServer.StartAsync(Token);
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        await File.WriteAllLinesAsync(
            CacheFile,
            ["cybernode blob locations 1", .. layersOfB.Select(layer => $"{layer.Digest} {registry.Host} gone/away 1700000000")],
            Token);

        var pushed = await PushAsync(ImageB, $"{registry.Host}/two/b:1", Cache("cache"));

        Blobs(pushed).ShouldBe(new BlobNumbers(Uploaded: 4, Existing: 0, Mounted: 0));
        (await File.ReadAllLinesAsync(CacheFile, Token)).ShouldContain(line => line.StartsWith($"{layersOfB[0].Digest} {registry.Host} two/b ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_record_is_ignored_and_rewritten()
    {
        await WriteImagesAsync();
        await using var registry = await RegistryServer.StartAsync(Token);
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        await File.WriteAllBytesAsync(CacheFile, [0x63, 0x79, 0x62, 0x00, 0xff, 0x0a, 0x0a], Token);

        var pushed = await PushAsync(ImageA, $"{registry.Host}/one/a:1", Cache("cache"));

        Blobs(pushed).Uploaded.ShouldBe(3);
        var lines = await File.ReadAllLinesAsync(CacheFile, Token);
        lines[0].ShouldBe("cybernode blob locations 1");
        lines.Skip(1).ShouldAllBe(line => line.Contains($" {registry.Host} one/a ", StringComparison.Ordinal));
        lines.Length.ShouldBe(4);
    }

    [Fact]
    public async Task Two_runs_at_once_both_keep_what_they_saw()
    {
        await WriteImagesAsync();
        await using var registry = await RegistryServer.StartAsync(Token);

        await Task.WhenAll(
            PushAsync(ImageA, $"{registry.Host}/one/a:1", Cache("cache")),
            PushAsync(ImageB, $"{registry.Host}/two/b:1", Cache("cache")));

        var lines = await File.ReadAllLinesAsync(CacheFile, Token);
        lines[0].ShouldBe("cybernode blob locations 1");
        lines.ShouldContain(line => line.Contains($" {registry.Host} one/a ", StringComparison.Ordinal));
        lines.ShouldContain(line => line.Contains($" {registry.Host} two/b ", StringComparison.Ordinal));
        Directory.EnumerateFiles(Path.GetDirectoryName(CacheFile)!, "*.tmp").ShouldBeEmpty();
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string?> Cache(string name) => new() { ["XDG_CACHE_HOME"] = _folder.Combine(name) };

    private Task<JsonElement> PushAsync(string image, string target, IReadOnlyDictionary<string, string?> environment) =>
        CybernodeCli.JsonAsync(["push", image, target, "--json", "--store", Store], Token, environment);

    private static BlobNumbers Blobs(JsonElement push)
    {
        var blobs = push.GetProperty("blobs");
        return new BlobNumbers(blobs.GetProperty("uploaded").GetInt32(), blobs.GetProperty("existing").GetInt32(), blobs.GetProperty("mounted").GetInt32());
    }

    /// <summary>Writes a and b; returns their layers.</summary>
    private async Task<(IReadOnlyList<Descriptor> A, IReadOnlyList<Descriptor> B)> WriteImagesAsync()
    {
        using var store = await OciLayoutStore.OpenAsync(Store, Token);
        var a = await RandomImage.WriteAsync(store, ImageA, 7, Token, layers: 2);
        var b = await RandomImage.WriteAsync(store, ImageB, 7, Token, layers: 3);
        var layersOfA = await LayersAsync(store, a);
        var layersOfB = await LayersAsync(store, b);
        layersOfB.Take(2).ShouldBe(layersOfA);
        return (layersOfA, layersOfB);
    }

    private static async Task<IReadOnlyList<Descriptor>> LayersAsync(OciLayoutStore store, TaggedImage image) =>
        (await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, Token)).Manifest.Layers;

    private sealed record BlobNumbers(int Uploaded, int Existing, int Mounted);
}

using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Tests.Fixtures;

/// <summary>
/// Random images as test fixtures, after go-containerregistry's <c>random</c> package: N layers of
/// random files, all from one seed, so a test can rebuild exactly what it expects to read back.
/// Layer i holds the folder <c>layerI/</c> with files <c>layerI/file-J.bin</c>.
/// </summary>
public static class RandomImage
{
    public static readonly DateTimeOffset Created = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Writes a single-platform image and names it.</summary>
    public static async Task<TaggedImage> WriteAsync(
        IImageStore store,
        string name,
        int seed,
        CancellationToken cancellationToken,
        int layers = 3,
        int filesPerLayer = 3,
        int maxFileSize = 8192,
        LayerCompression compression = LayerCompression.Gzip)
    {
        var manifest = await WriteManifestAsync(store, new Random(seed), Platform.LinuxAmd64, layers, filesPerLayer, maxFileSize, compression, cancellationToken);
        await store.TagAsync(name, manifest, cancellationToken);
        return new TaggedImage(name, manifest);
    }

    /// <summary>Writes a multi-platform image: an index with one random image per platform.</summary>
    public static async Task<TaggedImage> WriteIndexAsync(IImageStore store, string name, int seed, IReadOnlyList<Platform> platforms, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var manifests = new List<Descriptor>();
        foreach (var platform in platforms)
        {
            manifests.Add(await WriteManifestAsync(store, random, platform, 2, 2, 4096, LayerCompression.Gzip, cancellationToken));
        }

        var index = await store.PutJsonAsync(new ImageIndex(manifests), MediaTypes.ImageIndex, cancellationToken);
        await store.TagAsync(name, index, cancellationToken);
        return new TaggedImage(name, index);
    }

    /// <summary>The content RandomImage puts at <c>layerI/file-J.bin</c> for <paramref name="seed"/> (single-platform images).</summary>
    public static IReadOnlyDictionary<string, byte[]> Files(int seed, int layers = 3, int filesPerLayer = 3, int maxFileSize = 8192)
    {
        var random = new Random(seed);
        var files = new Dictionary<string, byte[]>();
        for (var layer = 0; layer < layers; layer++)
        {
            foreach (var (path, content) in LayerFiles(random, layer, filesPerLayer, maxFileSize))
            {
                files[path] = content;
            }
        }

        return files;
    }

    private static async Task<Descriptor> WriteManifestAsync(
        IBlobStore store,
        Random random,
        Platform platform,
        int layers,
        int filesPerLayer,
        int maxFileSize,
        LayerCompression compression,
        CancellationToken cancellationToken)
    {
        var built = new List<BuiltLayer>();
        for (var layer = 0; layer < layers; layer++)
        {
            await using var writer = await LayerWriter.BeginAsync(store, compression, cancellationToken);
            var mtime = Created.ToUnixTimeSeconds();
            await writer.Tar.WriteEntryAsync(new TarEntryHeader($"layer{layer}", TarEntryType.Directory, 493, 0, 0, mtime), null, cancellationToken);
            foreach (var (path, content) in LayerFiles(random, layer, filesPerLayer, maxFileSize))
            {
                using var stream = new MemoryStream(content);
                await writer.Tar.WriteEntryAsync(new TarEntryHeader(path, TarEntryType.File, 420, 0, 0, mtime, content.Length), stream, cancellationToken);
            }

            built.Add(await writer.CompleteAsync(cancellationToken));
        }

        var config = ImageConfiguration.Empty(platform) with
        {
            Created = Created,
            Config = new ContainerConfig { Cmd = ["/bin/sh"], Env = ["PATH=/usr/bin:/bin"] },
            RootFs = new RootFs(built.Select(l => l.DiffId).ToList()),
        };
        var configDescriptor = await store.PutJsonAsync(config, MediaTypes.ImageConfig, cancellationToken);
        var manifest = new ImageManifest(configDescriptor, built.Select(l => l.Descriptor).ToList());
        var descriptor = await store.PutJsonAsync(manifest, MediaTypes.ImageManifest, cancellationToken);
        return descriptor with { Platform = platform };
    }

    private static IEnumerable<(string Path, byte[] Content)> LayerFiles(Random random, int layer, int count, int maxFileSize)
    {
        for (var file = 0; file < count; file++)
        {
            var content = new byte[random.Next(1, maxFileSize + 1)];
            random.NextBytes(content);
            yield return ($"layer{layer}/file-{file}.bin", content);
        }
    }
}

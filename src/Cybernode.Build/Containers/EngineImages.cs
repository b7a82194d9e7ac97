using System.Collections.Concurrent;
using Cybernode.Build.Planning;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;
using Cybernode.Providers;

namespace Cybernode.Build.Containers;

/// <summary>
/// Moves images between the cybernode store and a container engine, both ways, through archive
/// files in the engine's preferred format (docker 20.10 loads only docker-archive).
/// </summary>
/// <param name="pinned">Names the build set to a chosen digest (locked or pulled): the engine gets the store's image under them even when it holds one of its own.</param>
public sealed class EngineImages(IContainerProvider provider, IImageStore store, Platform platform, string scratchFolder, IReadOnlySet<string> pinned)
{
    // Images known to be in the engine during this build: services sharing a base ask once.
    private readonly ConcurrentDictionary<string, Digest> _inEngine = new(StringComparer.Ordinal);

    /// <summary>Loads each mentioned image that the store holds and the engine lacks, so the engine's build finds it without a registry.</summary>
    public async Task ProvideAsync(IEnumerable<ImageMention> mentions, IProgress<string> output, CancellationToken cancellationToken)
    {
        foreach (var (name, stored) in await InStoreAsync(store, mentions, cancellationToken))
        {
            if (_inEngine.ContainsKey(name))
            {
                continue;
            }

            if (!pinned.Contains(name) && await provider.ImageIdAsync(name, cancellationToken) is { } id)
            {
                _inEngine[name] = id;
            }
            else
            {
                await LoadAsync(stored, output, cancellationToken);
            }
        }
    }

    /// <summary>The mentioned images the store holds, by the name the Dockerfile gives: those a build loads into an engine that lacks them.</summary>
    public static async Task<IReadOnlyList<(string Name, TaggedImage Stored)>> InStoreAsync(IImageStore store, IEnumerable<ImageMention> mentions, CancellationToken cancellationToken)
    {
        var found = new List<(string, TaggedImage)>();
        foreach (var name in mentions.Select(m => m.Image.FamiliarName).Distinct(StringComparer.Ordinal))
        {
            if (await ImageReader.FindAsync(store, name, cancellationToken) is { } stored)
            {
                found.Add((name, stored));
            }
        }

        return found;
    }

    /// <summary>
    /// Puts <paramref name="image"/> from the store into the engine under its store name, unless the
    /// engine already holds that very image there (same config digest): an unchanged service costs
    /// one inspect, not an export and a load.
    /// </summary>
    public async Task LoadAsync(TaggedImage image, IProgress<string> output, CancellationToken cancellationToken)
    {
        var stored = await ImageReader.ReadAsync(store, image.Manifest, platform, cancellationToken);
        var configDigest = stored.Manifest.Config.Digest;
        if (await provider.ImageIdAsync(image.Name, cancellationToken) != configDigest)
        {
            await WithArchiveAsync(async (archive, cancel) =>
            {
                await ImageTransport.ExportAsync(store, image, archive, cancel);
                await provider.LoadImageAsync(archive.Path, provider.PreferredArchiveFormat, output, cancel);
                return image;
            }, cancellationToken);
        }

        _inEngine[image.Name] = configDigest;
    }

    /// <summary>Copies an image the engine built into the store under the same name.</summary>
    public Task<TaggedImage> CopyToStoreAsync(string image, IProgress<string> output, CancellationToken cancellationToken) =>
        WithArchiveAsync(async (archive, cancel) =>
        {
            await provider.SaveImageAsync(image, archive.Path, provider.PreferredArchiveFormat, output, cancel);
            var copied = await ImageTransport.ImportAsync(archive, store, image, cancel);
            return new TaggedImage(copied.Name, copied.Manifest);
        }, cancellationToken);

    private async Task<TaggedImage> WithArchiveAsync(Func<TransportReference, CancellationToken, Task<TaggedImage>> work, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(scratchFolder);
        var path = Path.Combine(scratchFolder, $"{provider.Name}-{Guid.NewGuid():N}.tar");
        try
        {
            return await work(new TransportReference(provider.PreferredArchiveFormat.Transport(), path, null), cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

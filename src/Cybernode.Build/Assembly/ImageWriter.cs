using System.Formats.Tar;
using TarEntryType = Cybernode.Oci.Layers.TarEntryType;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Streams;

namespace Cybernode.Build.Assembly;

/// <summary>Writes a drafted image into the store: each new layer in one streaming pass, then config, manifest and name.</summary>
public sealed class ImageWriter(IImageStore store, AssemblerOptions options)
{
    public const string CreatedLabel = "org.opencontainers.image.created";

    /// <param name="written">Told the bytes of file content that go into new layers, as they are read.</param>
    public async Task<Descriptor> WriteAsync(
        ImageDraft draft, string name, IReadOnlyDictionary<string, string> extraLabels, string cacheKey, IProgress<long>? written, CancellationToken cancellationToken)
    {
        var layers = new List<BuiltLayer>();
        foreach (var layer in draft.Layers)
        {
            layers.Add(layer.Existing ?? await WriteLayerAsync(layer.New!, written, cancellationToken));
        }

        draft.Labels.TryAdd(CreatedLabel, options.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in extraLabels)
        {
            draft.Labels[key] = value;
        }

        var config = draft.ToConfig(options.Platform, options.Created, layers.Select(l => l.DiffId).ToList());
        var configDescriptor = await store.PutJsonAsync(config, MediaTypes.ImageConfig, cancellationToken);
        var manifest = new ImageManifest(configDescriptor, layers.Select(l => l.Descriptor).ToList());
        var manifestDescriptor = await store.PutJsonAsync(manifest, MediaTypes.ImageManifest, cancellationToken);
        // The key rides on the store's index entry, not in the image, so it never changes a digest.
        var tagged = manifestDescriptor with { Annotations = new(StringComparer.Ordinal) { [BuildCacheKey.Annotation] = cacheKey } };
        await store.TagAsync(name, tagged, cancellationToken);
        return manifestDescriptor;
    }

    private async Task<BuiltLayer> WriteLayerAsync(LayerDraft plan, IProgress<long>? written, CancellationToken cancellationToken)
    {
        await using var writer = await LayerWriter.BeginAsync(store, options.Compression, cancellationToken);
        foreach (var entry in plan.Entries)
        {
            if (entry.ContentPath is null)
            {
                // A file entry without content is a whiteout: empty.
                await writer.Tar.WriteEntryAsync(entry.Header, entry.Header.Type == TarEntryType.File ? Stream.Null : null, cancellationToken);
                continue;
            }

            await using var file = new FileStream(entry.ContentPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using var content = written is null ? (Stream)file : new ProgressReadStream(file, written);

            // The size is taken again at open time: a file that changed since planning must not corrupt the tar.
            await writer.Tar.WriteEntryAsync(entry.Header with { Size = file.Length }, content, cancellationToken);
        }

        foreach (var archive in plan.Archives)
        {
            await UnpackAsync(writer.Tar, archive, cancellationToken);
        }

        return await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Writes the entries of an ADDed archive that planning kept, under the names and owners it gave them.</summary>
    private static async Task UnpackAsync(ReproducibleTarWriter tar, DraftArchive archive, CancellationToken cancellationToken)
    {
        await using var input = LocalArchive.Open(archive.ArchivePath);
        await using var reader = new TarReader(input);
        var index = -1;
        using var picks = archive.Picks.GetEnumerator();
        var more = picks.MoveNext();
        while (more && await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            index++;
            if (picks.Current.Index != index)
            {
                continue;
            }

            var header = picks.Current.Header;
            if (LocalArchive.KindOf(entry.EntryType) != header.Type)
            {
                throw new IOException($"'{archive.ArchivePath}' changed while the image was being written");
            }

            var content = header.Type == TarEntryType.File ? entry.DataStream ?? Stream.Null : null;
            await tar.WriteEntryAsync(header with { Size = header.Type == TarEntryType.File ? entry.Length : 0 }, content, cancellationToken);
            more = picks.MoveNext();
        }
    }
}

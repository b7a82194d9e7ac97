using System.Globalization;
using System.Text.Json;
using Cybernode.Oci;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Build.Caching;

/// <summary>
/// Step results kept in the store (see <see cref="CacheRecord"/>): found by their inputs' key,
/// stored the moment a step succeeds, restored when it is skipped. Each step keeps its newest
/// <see cref="Kept"/> results, so switching back to an earlier state of a service is a hit too;
/// older ones leave index.json and their blobs become what store gc removes.
/// </summary>
public sealed class OutputCache(OciLayoutStore store, StatCache stats)
{
    public const string ResultMediaType = "application/vnd.cybernode.step-result.v1+json";
    public const string FileMediaType = "application/vnd.cybernode.file";
    public const int Kept = 3;

    public StatCache Stats => stats;

    /// <summary>Every cache record in the store, of every workspace: what prune looks at.</summary>
    public static async Task<IReadOnlyList<CacheRecord>> ListAsync(OciLayoutStore store, CancellationToken cancellationToken) =>
        [.. (await store.RootsAsync(cancellationToken)).Select(CacheRecord.From).OfType<CacheRecord>()];

    /// <summary>Takes records out of index.json; their blobs are then what store gc removes.</summary>
    public static Task RemoveAsync(OciLayoutStore store, IEnumerable<CacheRecord> records, CancellationToken cancellationToken)
    {
        var gone = records.Select(r => (r.Workspace, r.Step, r.Key)).ToHashSet();
        return store.UpdateRootsAsync(entries => [.. entries.Where(e => CacheRecord.From(e) is not { } r || !gone.Contains((r.Workspace, r.Step, r.Key)))], cancellationToken);
    }

    /// <summary>The blobs a record holds (its manifest, result document and files) and their total size, for prune and du.</summary>
    public static async Task<long> SizeAsync(OciLayoutStore store, CacheRecord record, CancellationToken cancellationToken)
    {
        var total = 0L;
        await foreach (var node in ImageGraph.WalkAsync(new StoreImageSource(store), record.Manifest, new HashSet<Digest>(), cancellationToken))
        {
            total += node.Descriptor.Size;
        }

        return total;
    }

    public async Task<CacheRecord?> FindAsync(string workspace, string step, string key, CancellationToken cancellationToken) =>
        (await ListAsync(store, cancellationToken)).FirstOrDefault(r => r.IsOf(workspace, step) && r.Key == key);

    /// <summary>The step's most recent result, what a change is explained against.</summary>
    public async Task<CacheRecord?> LatestAsync(string workspace, string step, CancellationToken cancellationToken) =>
        (await ListAsync(store, cancellationToken)).Where(r => r.IsOf(workspace, step)).MaxBy(r => r.Created, StringComparer.Ordinal);

    public async Task<StepResult> ReadAsync(CacheRecord record, CancellationToken cancellationToken)
    {
        var source = new StoreImageSource(store);
        var manifest = OciJson.Deserialize<ImageManifest>(await ImageGraph.ReadDocumentAsync(source, record.Manifest, cancellationToken), $"cache manifest {record.Manifest.Digest}");
        if (manifest.Config.MediaType != ResultMediaType)
        {
            throw new OciFormatException($"cache manifest {record.Manifest.Digest} holds {manifest.Config.MediaType}, not a step result");
        }

        var document = await ImageGraph.ReadDocumentAsync(source, manifest.Config, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(document, CacheJsonContext.Default.StepResult)
                ?? throw new OciFormatException($"step result {manifest.Config.Digest} is empty");
        }
        catch (JsonException e)
        {
            throw new OciFormatException($"step result {manifest.Config.Digest} is not valid: {e.Message}");
        }
    }

    /// <summary>Whether <paramref name="folder"/> holds exactly the tree stored (looked at through the stat cache, not read).</summary>
    public async Task<bool> MatchesAsync(IReadOnlyList<TreeEntry> tree, string folder, CancellationToken cancellationToken)
    {
        try
        {
            var now = await OutputTree.ReadAsync(folder, (path, stamp) => stats.DigestAsync(path, stamp, cancellationToken), cancellationToken);
            return now.SequenceEqual(tree);
        }
        catch (UserError)
        {
            // Something that cannot be part of a tree is in the folder: it is not the stored one.
            return false;
        }
    }

    public Task RestoreAsync(IReadOnlyList<TreeEntry> tree, string folder, CancellationToken cancellationToken) =>
        TreeRestore.RestoreAsync(store, tree, folder, cancellationToken);

    /// <summary>
    /// Stores the output folder's files (each content once), the result document and its manifest,
    /// then names the record in index.json, dropping the step's results beyond <see cref="Kept"/>.
    /// </summary>
    public async Task<CacheRecord> SaveAsync(string workspace, string step, StepInputs inputs, string folder, CancellationToken cancellationToken)
    {
        var tree = await OutputTree.ReadAsync(folder, (path, stamp) => PutFileAsync(path, stamp, cancellationToken), cancellationToken);
        var files = tree.Where(e => e.Digest is not null).DistinctBy(e => e.Digest).Select(e => new Descriptor(FileMediaType, e.Digest!, e.Size)).ToList();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new StepResult(inputs, tree), CacheJsonContext.Default.StepResult);
        if (bytes.Length > OciLimits.MaxDocumentSize)
        {
            throw new UserError(
                $"{step}: its inputs and outputs take {bytes.Length} bytes to describe, more than the {OciLimits.MaxDocumentSize} a cache record may have, so the result is not cached",
                hint: "leave generated files out of the service folder with .dockerignore, or fewer files in bin/");
        }

        var config = (await store.PutAsync(new MemoryStream(bytes), null, cancellationToken)).Describe(ResultMediaType);
        var manifest = await store.PutJsonAsync(new ImageManifest(config, files), MediaTypes.ImageManifest, cancellationToken);
        var record = new CacheRecord(workspace, step, inputs.Key(), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), manifest);
        await store.UpdateRootsAsync(entries => Keep(entries, record), cancellationToken);
        return record;
    }

    private static List<Descriptor> Keep(IReadOnlyList<Descriptor> entries, CacheRecord record)
    {
        var older = entries.Select(CacheRecord.From).OfType<CacheRecord>()
            .Where(r => r.IsOf(record.Workspace, record.Step) && r.Key != record.Key)
            .OrderByDescending(r => r.Created, StringComparer.Ordinal)
            .Skip(Kept - 1)
            .Select(r => r.Manifest.Digest)
            .ToHashSet();
        return [.. entries.Where(e => CacheRecord.From(e) is not { } r || !(r.IsOf(record.Workspace, record.Step) && (r.Key == record.Key || older.Contains(r.Manifest.Digest)))), record.ToEntry()];
    }

    /// <summary>A file's digest, its content copied into the store unless the store has it: one read at most.</summary>
    private async Task<Digest> PutFileAsync(string path, FileStamp stamp, CancellationToken cancellationToken)
    {
        if (stats.TryGetDigest(path, stamp, out var known) && await store.ContainsAsync(known, cancellationToken))
        {
            return known;
        }

        var started = StatCache.NowNanoseconds();
        await using var file = RegularFile.OpenRead(path);
        var info = await store.PutAsync(file, null, cancellationToken);
        stats.Remember(path, stamp, info.Digest, started);
        return info.Digest;
    }
}

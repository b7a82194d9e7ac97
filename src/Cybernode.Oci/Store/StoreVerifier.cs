using System.Text.Json;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>Checks a whole store: every blob's content against its name, every reference from index.json down.</summary>
public static class StoreVerifier
{
    public static async Task<StoreVerification> VerifyAsync(OciLayoutStore store, CancellationToken cancellationToken)
    {
        var damage = new List<string>();
        var contents = StoreContents.Read(store);
        foreach (var blob in contents.Blobs)
        {
            var actual = await HashAsync(blob.Path, cancellationToken);
            if (actual != blob.Digest)
            {
                damage.Add($"{blob.Path}: blob {blob.Digest} is corrupt: its content hashes to {actual}");
            }
        }

        await CheckLayoutFileAsync(store, damage, cancellationToken);
        IReadOnlyList<(string Label, Descriptor Root)> roots = [];
        try
        {
            roots = await StoreGraph.IndexRootsAsync(store, cancellationToken);
        }
        catch (Exception e) when (e is OciFormatException or IOException)
        {
            damage.Add(e.Message);
        }

        var graph = await StoreGraph.WalkAsync(store, roots, cancellationToken);
        damage.AddRange(graph.Problems);
        var orphans = contents.Blobs.Where(b => !graph.Reached.ContainsKey(b.Digest)).ToList();
        return new StoreVerification(store.Location, contents.Blobs.Count, contents.Blobs.Sum(b => b.Size), roots.Count, damage, orphans, contents.Stray);
    }

    private static async Task<Digest> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var hashing = new DigestingReadStream(RegularFile.OpenRead(path));
        return await hashing.ReadToEndAsync(cancellationToken);
    }

    private static async Task CheckLayoutFileAsync(OciLayoutStore store, List<string> damage, CancellationToken cancellationToken)
    {
        var path = Path.Combine(store.Location, OciLayoutStore.LayoutFile);
        try
        {
            using var layout = JsonDocument.Parse(await RegularFile.ReadAllAsync(path, OciLimits.MaxDocumentSize, cancellationToken));
            var version = layout.RootElement.ValueKind == JsonValueKind.Object && layout.RootElement.TryGetProperty("imageLayoutVersion", out var value) ? value.ToString() : null;
            if (version != "1.0.0")
            {
                damage.Add($"{path}: imageLayoutVersion is '{version}', not 1.0.0");
            }
        }
        catch (Exception e) when (e is OciFormatException or IOException or JsonException)
        {
            damage.Add(e.Message);
        }
    }
}

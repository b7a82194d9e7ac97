using System.Formats.Tar;
using System.Text.Json;
using Cybernode.Differential.Tests.Snapshots;

namespace Cybernode.Differential.Tests.Engines;

/// <summary>
/// Reads an engine's image from the docker-archive it saved: the config JSON straight from the
/// archive (skopeo's conversion to OCI would drop docker-only fields such as Shell and Healthcheck),
/// the files through skopeo into an OCI layout and umoci from there.
/// </summary>
public static class DockerArchiveSnapshot
{
    private const string ManifestFile = "manifest.json";

    public static async Task<ImageSnapshot> ReadAsync(string archive, string scratch, CancellationToken cancellationToken)
    {
        var config = await ReadConfigAsync(archive, cancellationToken);
        var layout = Path.Combine(scratch, "layout");
        await Skopeo.CopyAsync($"docker-archive:{archive}", $"oci:{layout}:image", cancellationToken);
        var paths = await FilesystemReader.ReadAsync(new OciLayoutImage(layout, "image"), Path.Combine(scratch, "rootfs"), cancellationToken);
        return new ImageSnapshot(paths, config);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadConfigAsync(string archive, CancellationToken cancellationToken)
    {
        var documents = await ReadJsonEntriesAsync(archive, cancellationToken);
        using var manifest = JsonDocument.Parse(documents[ManifestFile]);
        var configName = manifest.RootElement[0].GetProperty("Config").GetString()!;
        using var config = JsonDocument.Parse(documents[configName]);
        return Normalisation.ConfigFields(config.RootElement.TryGetProperty("config", out var container) ? container : null);
    }

    private static async Task<Dictionary<string, string>> ReadJsonEntriesAsync(string archive, CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var file = File.OpenRead(archive);
        await using var reader = new TarReader(file);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.Name.EndsWith(".json", StringComparison.Ordinal) && entry.DataStream is { } data)
            {
                using var text = new StreamReader(data);
                documents[entry.Name] = await text.ReadToEndAsync(cancellationToken);
            }
        }

        return documents;
    }
}

using System.Text.Json.Serialization;

namespace Cybernode.Oci.Model;

public sealed record ImageIndex(
    [property: JsonPropertyName("manifests")] IReadOnlyList<Descriptor> Manifests)
{
    [JsonPropertyName("schemaVersion")]
    [JsonPropertyOrder(-2)]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    [JsonPropertyOrder(-1)]
    public string MediaType { get; init; } = MediaTypes.ImageIndex;

    [JsonPropertyName("annotations")]
    public SortedDictionary<string, string>? Annotations { get; init; }

    /// <summary>
    /// The image for a platform: the entry naming its OS and architecture (and its variant, when
    /// one is asked for), or the only entry there is.
    /// </summary>
    public Descriptor? ManifestFor(Platform platform) =>
        Manifests.FirstOrDefault(m => m.Platform is { } p && p.Os == platform.Os && p.Architecture == platform.Architecture && (platform.Variant is null || p.Variant == platform.Variant))
        ?? (Manifests.Count == 1 ? Manifests[0] : null);

    /// <summary>The platforms the index offers, for messages.</summary>
    public string DescribePlatforms()
    {
        var platforms = Manifests.Select(m => m.Platform?.ToString()).OfType<string>().Distinct().ToList();
        return platforms.Count == 0 ? "no platform named" : string.Join(", ", platforms);
    }
}

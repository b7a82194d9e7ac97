using System.Text.Json.Serialization;

namespace Cybernode.Providers.Archives;

/// <summary>One image in a docker-archive's manifest.json, as <c>docker save</c> writes it.</summary>
public sealed record DockerArchiveEntry(
    [property: JsonPropertyName("Config")] string Config,
    [property: JsonPropertyName("RepoTags")] IReadOnlyList<string>? RepoTags,
    [property: JsonPropertyName("Layers")] IReadOnlyList<string> Layers);

using System.Text.Json.Serialization;

namespace Cybernode.Oci.Transports;

/// <summary>One image in a docker-archive's manifest.json, as <c>docker save</c> writes it.</summary>
internal sealed record DockerArchiveManifestEntry(
    [property: JsonPropertyName("Config")] string Config,
    [property: JsonPropertyName("RepoTags")] IReadOnlyList<string>? RepoTags,
    [property: JsonPropertyName("Layers")] IReadOnlyList<string> Layers);

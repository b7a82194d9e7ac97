using System.Text.Json.Serialization;

namespace Cybernode.Oci.Model;

public sealed record RootFs([property: JsonPropertyName("diff_ids")] IReadOnlyList<Digest> DiffIds)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "layers";
}

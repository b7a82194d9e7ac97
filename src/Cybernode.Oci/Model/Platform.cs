using System.Text.Json.Serialization;

namespace Cybernode.Oci.Model;

public sealed record Platform(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("variant")] string? Variant = null)
{
    public static Platform LinuxAmd64 { get; } = new("amd64", "linux");

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}

using System.Text.Json;

namespace Cybernode.Oci.Registry;

/// <summary>What the registry code needs to know of a manifest's JSON before it is parsed as one kind.</summary>
internal static class ManifestDocument
{
    /// <summary>The document's own <c>mediaType</c> field, or null when it has none (or is no JSON object).</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("mediaType", out var type)
                && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

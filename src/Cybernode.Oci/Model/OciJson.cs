using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cybernode.Oci.Model;

/// <summary>
/// One serialisation of OCI documents: compact, nulls omitted, map keys sorted, so the same
/// document always gives the same bytes and therefore the same digest.
/// </summary>
public static class OciJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        // Go's encoding/json escapes <, > and & too, but leaves other text as is; relaxed escaping
        // keeps labels such as maintainer names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new TimestampJsonConverter() },
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    public static byte[] Serialize<T>(T document) => JsonSerializer.SerializeToUtf8Bytes(document, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new OciFormatException($"{what} is empty (null)");
        }
        catch (JsonException e)
        {
            throw new OciFormatException($"{what} is not valid JSON of its kind: {e.Message}");
        }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        // Metadata generated at compile time: no reflection, so the CLI can be compiled ahead of time.
        TypeInfoResolver = OciJsonContext.Default,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    public static byte[] Serialize<T>(T document) => JsonSerializer.SerializeToUtf8Bytes(document, TypeInfo<T>(Options));

    /// <summary>The metadata of <typeparamref name="T"/> under <paramref name="options"/>; every OCI document type is registered in <see cref="OciJsonContext"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static T Deserialize<T>(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TypeInfo<T>(Options)) ?? throw new OciFormatException($"{what} is empty (null)");
        }
        catch (JsonException e)
        {
            throw new OciFormatException($"{what} is not valid JSON of its kind: {e.Message}");
        }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cybernode.Oci.Model;

namespace Cybernode.Cli.Output;

/// <summary>Machine-readable output: one indented JSON document on stdout.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new TimestampJsonConverter() },
    };

    public static void Write<T>(TextWriter writer, T document) => writer.WriteLine(JsonSerializer.Serialize(document, Options));
}

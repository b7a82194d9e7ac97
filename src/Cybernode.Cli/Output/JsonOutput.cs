using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
        TypeInfoResolver = CliJsonContext.Default,
    };

    /// <summary>OCI documents keep the spec's own property names, so they are written with OCI's options.</summary>
    public static JsonSerializerOptions OciOptions { get; } = new(OciJson.Indented)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default, OciJson.Options.TypeInfoResolver),
    };

    public static void Write<T>(TextWriter writer, T document) => Write(writer, document, Options);

    public static void Write<T>(TextWriter writer, T document, JsonSerializerOptions options) =>
        writer.WriteLine(JsonSerializer.Serialize(document, OciJson.TypeInfo<T>(options)));
}

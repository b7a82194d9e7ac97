using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cybernode.Oci.Model;

/// <summary>
/// Writes times as Go's encoding/json does for the configs docker, BuildKit and buildah write: UTC,
/// ending in Z, fractional seconds only when there are any (2023-11-14T22:13:20Z). Reads any
/// RFC 3339 offset.
/// </summary>
public sealed class TimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}

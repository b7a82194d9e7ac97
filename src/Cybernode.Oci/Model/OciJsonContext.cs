using System.Text.Json.Serialization;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Model;

/// <summary>The JSON documents cybernode reads and writes, with their serialisation generated at compile time.</summary>
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageConfiguration))]
[JsonSerializable(typeof(List<DockerArchiveManifestEntry>))]
[JsonSerializable(typeof(DockerArchiveManifestEntry[]))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class OciJsonContext : JsonSerializerContext;

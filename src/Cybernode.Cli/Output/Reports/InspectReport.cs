using System.Text.Json.Serialization;
using Cybernode.Oci.Model;

namespace Cybernode.Cli.Output.Reports;

/// <summary><c>inspect --json</c>: the image's name and digest, and its manifest and config as the OCI spec spells them.</summary>
public sealed record InspectReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("manifest")] ImageManifest Manifest,
    [property: JsonPropertyName("config")] ImageConfiguration Config);

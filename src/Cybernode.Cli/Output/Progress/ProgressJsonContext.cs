using System.Text.Json.Serialization;

namespace Cybernode.Cli.Output.Progress;

/// <summary>The lines of <c>--progress json</c>, serialised by code generated at compile time (no reflection: NativeAOT).</summary>
[JsonSerializable(typeof(ProgressEventLine))]
internal sealed partial class ProgressJsonContext : JsonSerializerContext;

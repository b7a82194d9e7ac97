using System.Text.Json.Serialization;

namespace Cybernode.Build.Caching;

/// <summary>The cache's own documents, serialised by generated code (the CLI is NativeAOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StepResult))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;

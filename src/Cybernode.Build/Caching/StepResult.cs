using System.Text.Json.Serialization;

namespace Cybernode.Build.Caching;

/// <summary>What a cache record keeps of a step that succeeded: the inputs it ran with, and the output tree it left.</summary>
public sealed record StepResult(
    [property: JsonPropertyName("inputs")] StepInputs Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<TreeEntry> Outputs);

namespace Cybernode.Dockerfile.Instructions;

/// <summary>One name of an ARG instruction.</summary>
/// <param name="Name">The argument name.</param>
/// <param name="DefaultValue">The default as written after <c>=</c>, or null when there is none.</param>
public sealed record ArgDefinition(string Name, string? DefaultValue);

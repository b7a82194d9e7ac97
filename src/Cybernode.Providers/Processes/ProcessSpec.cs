namespace Cybernode.Providers.Processes;

/// <summary>A program to start: never a shell string, always an argument list.</summary>
/// <param name="Environment">Variables to set (a null value removes one) on top of this process's environment.</param>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string? WorkingDirectory = null);

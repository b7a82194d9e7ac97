namespace Cybernode.Build.Publishing;

/// <summary>One tag of a published image; <paramref name="Attempts"/> counts the puts tried (0 when held).</summary>
public sealed record TagResult(string Tag, TagStatus Status, int Attempts, string? Error = null);

namespace Cybernode.Providers;

/// <summary>What a probe found: whether the engine can be used now, and if not, why and what to do.</summary>
public sealed record ProviderStatus(string Name, bool Usable, string? Version, string? Reason, string? Hint);

namespace Cybernode.Build.Publishing;

/// <summary>A service with no image to publish (its build failed, or the store lacks it); the whole cluster then stops after its blobs.</summary>
public sealed record UnbuiltService(string Service, string Error);

namespace Cybernode.Oci.Store;

/// <summary>A file in a store, for reports: its path and size.</summary>
public sealed record StoreFile(string Path, long Size);

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>A copy of the example cluster built into its own store.</summary>
public sealed record BuiltCluster(string Workspace, string Store, IReadOnlyDictionary<string, string> Digests);

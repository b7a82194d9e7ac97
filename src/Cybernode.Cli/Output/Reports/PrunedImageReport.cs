namespace Cybernode.Cli.Output.Reports;

/// <summary>An image <c>prune</c> removes: its name, digest and the service folder that is gone.</summary>
public sealed record PrunedImageReport(string Name, string Digest, string Service);

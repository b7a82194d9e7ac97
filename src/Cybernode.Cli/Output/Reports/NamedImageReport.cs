namespace Cybernode.Cli.Output.Reports;

/// <summary>An image name and the digest it points at.</summary>
public sealed record NamedImageReport(string Name, string Digest);

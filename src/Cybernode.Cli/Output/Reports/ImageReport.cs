namespace Cybernode.Cli.Output.Reports;

public sealed record ImageReport(string Name, string Digest, long Size, DateTimeOffset? Created);

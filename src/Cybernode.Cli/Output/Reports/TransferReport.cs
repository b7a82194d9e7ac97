namespace Cybernode.Cli.Output.Reports;

/// <summary><c>export --json</c> and <c>import --json</c>: the image and where it went.</summary>
public sealed record TransferReport(string Name, string Digest, string? Format, string? Path, string? Store);

namespace Cybernode.Cli.Output.Reports;

/// <summary><c>export --json</c> and <c>import --json</c>: the image, where it went, and (export) the command that loads it into an engine.</summary>
public sealed record TransferReport(string Name, string Digest, string? Format, string? Path, string? Store, string? Load = null);

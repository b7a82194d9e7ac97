namespace Cybernode.Cli.Output.Reports;

/// <summary>An entry an OCI layout does not hold; temporary ones are cybernode's, live ones held by a running writer.</summary>
public sealed record StrayReport(string Path, string Kind, long Size, bool Temporary, bool Live);

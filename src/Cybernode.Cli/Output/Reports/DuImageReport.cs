namespace Cybernode.Cli.Output.Reports;

/// <summary>One image of <c>du</c>: its names, digest and bytes (all it reaches, shared with other images, its own).</summary>
public sealed record DuImageReport(IReadOnlyList<string> Names, string Digest, long Size, long Shared, long Unique);

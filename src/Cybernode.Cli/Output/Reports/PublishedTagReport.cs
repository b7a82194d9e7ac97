namespace Cybernode.Cli.Output.Reports;

/// <summary>One tag of a publish: moved, unchanged (it pointed at the digest already), failed (after <see cref="Attempts"/> puts) or held (not tried: something failed before the tags).</summary>
public sealed record PublishedTagReport(string Tag, string Reference, string Status, int Attempts, string? Error);

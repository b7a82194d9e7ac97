namespace Cybernode.Cli.Output.Reports;

/// <summary>One service in <c>build --json</c>; <see cref="Digest"/> is the manifest digest.</summary>
public sealed record ServiceReport(string Name, string Image, string? Digest, string Status, string? Error, double Seconds)
{
    /// <summary>Why it was built ("files changed: 'main.go' (modified)", "no cache entry", "--no-cache") or that it was cached.</summary>
    public string? Reason { get; init; }
}

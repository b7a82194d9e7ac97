namespace Cybernode.Cli.Output.Reports;

/// <summary>A cache volume of <c>prune --build-caches</c>: <c>removed</c>, <c>absent</c>, <c>data-volume</c> or <c>in-use</c> (kept, <c>detail</c> says why).</summary>
public sealed record CacheVolumeReport(string Volume, string State, string? Detail);

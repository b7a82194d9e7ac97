namespace Cybernode.Cli.Output.Reports;

/// <summary><c>pull --json</c> (and <c>import docker://... --json</c>): what is in the store now, and what was fetched for it.</summary>
public sealed record PullReport(string Name, string Digest, string Root, string Platform, PullBlobsReport Blobs, long Bytes, string Store);

/// <summary>Layers fetched from the registry, and layers the store already held.</summary>
public sealed record PullBlobsReport(int Fetched, int Present);

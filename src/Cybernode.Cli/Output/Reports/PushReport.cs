namespace Cybernode.Cli.Output.Reports;

/// <summary><c>push --json</c> (and <c>export -o docker://... --json</c>): where the image went, its digest there, and what happened to its blobs.</summary>
public sealed record PushReport(string Name, string Digest, PushBlobsReport Blobs, long Bytes);

/// <summary>Blobs uploaded, found already in the repository, or mounted from another repository of the registry.</summary>
public sealed record PushBlobsReport(int Uploaded, int Existing, int Mounted);

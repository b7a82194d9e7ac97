namespace Cybernode.Cli.Output.Reports;

/// <summary>An edge of <c>graph --json</c>: <c>service</c> is built after <c>dependsOn</c> because of <c>kind</c> (<c>from</c>, <c>copy-from</c>, <c>build-after</c>) at <c>file:line</c>.</summary>
public sealed record GraphEdgeReport(string Service, string DependsOn, string Kind, string File, int Line);

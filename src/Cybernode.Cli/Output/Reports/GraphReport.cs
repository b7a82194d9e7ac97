namespace Cybernode.Cli.Output.Reports;

/// <summary><c>graph --json</c>: the services in build order and the edges between them.</summary>
public sealed record GraphReport(string Workspace, IReadOnlyList<GraphServiceReport> Services, IReadOnlyList<GraphEdgeReport> Edges);

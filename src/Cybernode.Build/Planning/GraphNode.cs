namespace Cybernode.Build.Planning;

/// <summary>A service as <c>cybernode graph</c> shows it: its image, how its build stage runs, and whether its image is up to date (<paramref name="Note"/> says why that is not known).</summary>
public sealed record GraphNode(string Service, string Image, string Folder, string BuildStage, ImageFreshness Freshness, string? Note);

namespace Cybernode.Cli.Output.Reports;

/// <summary>
/// A service of <c>graph --json</c>. <c>image</c>: <c>up-to-date</c>, <c>changed</c>, <c>not-built</c> or
/// <c>unknown</c> (<c>note</c> says why); <c>cached</c> is true when a build would report it cached.
/// </summary>
public sealed record GraphServiceReport(string Name, string Image, string Folder, string BuildStage, string Freshness, bool Cached, string? Note);

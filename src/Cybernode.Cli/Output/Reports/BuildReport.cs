namespace Cybernode.Cli.Output.Reports;

/// <summary><c>build --json</c>: every service of the build and what became of it.</summary>
public sealed record BuildReport(string Workspace, string Store, IReadOnlyList<ServiceReport> Services)
{
    /// <summary>Folders left out of the workspace and suspect FROM lines (also printed on standard error).</summary>
    public IReadOnlyList<WarningReport> Warnings { get; init; } = [];

    /// <summary>Bases the build locked in cybernode.lock: newly (old null) or because their tag moved.</summary>
    public IReadOnlyList<BaseMoveReport> Bases { get; init; } = [];

    /// <summary>With --push: what the publish did, per service and per tag.</summary>
    public PublishReport? Publish { get; init; }
}

using Cybernode.Build.Reporting.Events;

namespace Cybernode.Cli.Output.Reports;

/// <summary>A base a build locked anew (<see cref="Old"/> null) or whose tag moved, with the service whose Dockerfile names it.</summary>
public sealed record BaseMoveReport(string Service, string Reference, string Platform, string? Old, string? New)
{
    public static BaseMoveReport From(BaseLockMoved moved) =>
        new(moved.Service, moved.Change.Base.Reference, moved.Change.Base.Platform.ToString(), moved.Change.Old?.ToString(), moved.Change.New?.ToString());
}

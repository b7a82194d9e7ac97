using Cybernode.Build.Bases;

namespace Cybernode.Cli.Output.Reports;

/// <summary>One base of cybernode.lock: its digest before (null: newly locked) and after (null: dropped), and whether it moved.</summary>
public sealed record LockedBaseReport(string Reference, string Platform, string? Old, string? New, bool Changed)
{
    public static LockedBaseReport From(BaseLockChange change) =>
        new(change.Base.Reference, change.Base.Platform.ToString(), change.Old?.ToString(), change.New?.ToString(), change.Changed);
}

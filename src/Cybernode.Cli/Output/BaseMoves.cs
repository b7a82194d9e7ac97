using Cybernode.Build.Reporting.Events;
using Cybernode.Cli.Output.Reports;

namespace Cybernode.Cli.Output;

/// <summary>Gathers the lock changes a build reports, for <c>build --json</c>.</summary>
public sealed class BaseMoves : IBuildEvents
{
    private readonly List<BaseMoveReport> _moves = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<BaseMoveReport> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _moves];
            }
        }
    }

    public void Report(BuildEvent buildEvent)
    {
        if (buildEvent is BaseLockMoved moved)
        {
            lock (_gate)
            {
                _moves.Add(BaseMoveReport.From(moved));
            }
        }
    }
}

namespace Cybernode.Cli.Output.Progress;

/// <summary>What <see cref="ProgressMode.Auto"/> becomes: the live view only where a terminal can redraw it.</summary>
public static class ProgressTerminal
{
    /// <param name="isTerminal">Whether the stream progress goes to (stdout, or stderr with --json) is a terminal.</param>
    /// <param name="term">The TERM variable: unset or "dumb" means a terminal that cannot move its cursor.</param>
    public static ProgressMode Resolve(ProgressMode requested, bool isTerminal, string? term) =>
        requested == ProgressMode.Auto && isTerminal && term is not (null or "" or "dumb") ? ProgressMode.Tty : requested;
}

namespace Cybernode.Cli.Output.Progress;

/// <summary>What <c>build --progress</c> shows on the console; the service logs always get everything.</summary>
public enum ProgressMode
{
    /// <summary>Tty on a terminal that can take it, else the line stream without the engines' own messages.</summary>
    Auto,

    /// <summary>A live line per running service, a counter, and a table of the results at the end.</summary>
    Tty,

    /// <summary>Every line prefixed by its service, the engines' own messages included: for CI logs.</summary>
    Plain,

    /// <summary>One JSON object per line per build event.</summary>
    Json,

    /// <summary>Failures and the summary line only.</summary>
    Quiet,
}

namespace Cybernode.Cli.Output.Progress;

/// <summary>How much of a build the line stream of <see cref="PlainProgress"/> prints.</summary>
public enum PlainDetail
{
    /// <summary>Failures only (<c>--progress quiet</c>).</summary>
    Failures,

    /// <summary>Steps, notices, the build steps' own output and results; engine messages stay in the log.</summary>
    Steps,

    /// <summary>All of it, the engines' own messages included (<c>--progress plain</c>).</summary>
    Everything,
}

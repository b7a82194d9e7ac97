namespace Cybernode.Cli.Output;

/// <summary>How much of a build's output reaches the console (<c>build --progress</c>); the service logs always get all of it.</summary>
public enum BuildProgress
{
    /// <summary>Stages, the build steps' own output (01build.sh, the build image's command) and results; engine messages stay in the log.</summary>
    Auto,

    /// <summary>Everything, the engines' own messages included.</summary>
    Plain,

    /// <summary>Failures and the summary line only.</summary>
    Quiet,
}

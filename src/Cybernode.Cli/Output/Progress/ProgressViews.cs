namespace Cybernode.Cli.Output.Progress;

/// <summary>The console view <c>build --progress</c> asks for, on the streams it belongs to.</summary>
public static class ProgressViews
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    /// <param name="mode">As resolved by <see cref="ProgressTerminal"/> (Auto is the line stream without engine messages).</param>
    /// <param name="progress">stdout, or stderr when --json keeps stdout for the final report.</param>
    public static IProgressView Create(ProgressMode mode, TextWriter progress, TextWriter errors, string? noColor) => mode switch
    {
        ProgressMode.Tty => new LiveProgress(ProgressConsole.Create(progress, noColor), Refresh, TimeProvider.System),
        ProgressMode.Json => new JsonProgress(progress),
        ProgressMode.Plain => new PlainProgress(progress, errors, PlainDetail.Everything),
        ProgressMode.Quiet => new PlainProgress(progress, errors, PlainDetail.Failures),
        _ => new PlainProgress(progress, errors, PlainDetail.Steps),
    };
}

namespace Cybernode.Providers;

/// <summary>An engine command (a build, a build run, a load) ran and exited non-zero.</summary>
public sealed class EngineCommandFailedException(string message, string command, int exitCode, IReadOnlyList<string> lastLines, string? hint = null)
    : ProviderException(message, hint)
{
    /// <summary>The command as a user would type it.</summary>
    public string Command { get; } = command;

    public int ExitCode { get; } = exitCode;

    /// <summary>The last lines the command printed, stdout and stderr together.</summary>
    public IReadOnlyList<string> LastLines { get; } = lastLines;
}

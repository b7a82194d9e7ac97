using Cybernode.Providers.Processes;

namespace Cybernode.Providers.Engines;

/// <summary>
/// The one place engine programs are run: finds the program, adds the engine's global arguments
/// and environment, and turns a failure into a <see cref="ProviderException"/> the user can act on.
/// </summary>
/// <param name="engine">The engine's name as users know it.</param>
/// <param name="program">A program name looked up on PATH, or a path.</param>
/// <param name="installHint">What to do when the program is missing.</param>
/// <param name="explain">Recognises failures the engine reports in known words (daemon down, permission denied); null when it does not.</param>
internal sealed class EngineCli(
    string engine,
    string program,
    IReadOnlyList<string> globalArguments,
    IReadOnlyDictionary<string, string?> environment,
    string installHint,
    Func<ProcessResult, ProviderException?> explain)
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    public string Engine => engine;

    /// <summary>The command as shown to a user: the program's own name, global arguments, then <paramref name="arguments"/>.</summary>
    public EngineCommand Command(IEnumerable<string> arguments) =>
        new(Path.GetFileName(program), [.. globalArguments, .. arguments]);

    /// <summary>Runs a command and throws unless it exits 0.</summary>
    /// <param name="input">Writes the command's standard input (see <see cref="ProcessSpec.StandardInput"/>); null gives it none.</param>
    public async Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments, IProgress<string>? output, CancellationToken cancellationToken, Func<Stream, CancellationToken, Task>? input = null)
    {
        var command = Command(arguments);
        var result = await TryRunAsync(command, output, cancellationToken, input);
        if (!result.Succeeded)
        {
            throw Failure(command, result);
        }

        return result;
    }

    /// <summary>Runs a command and hands back how it ended, whatever the exit code; throws only when the program is missing.</summary>
    public Task<ProcessResult> TryRunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        TryRunAsync(Command(arguments), null, cancellationToken);

    /// <summary>Best-effort removal after a failure or cancellation: never throws, never waits long.</summary>
    public async Task CleanUpAsync(IEnumerable<string> arguments)
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await TryRunAsync(Command(arguments), null, timeout.Token);
        }
        catch (Exception e) when (e is ProviderException or OperationCanceledException)
        {
            // The run's own error (or the user's Ctrl-C) is what matters; a failed clean-up must not hide it.
        }
    }

    /// <summary>The error for a failed command: the engine's known complaint if it made one, else the exit code and last lines.</summary>
    public ProviderException Failure(EngineCommand command, ProcessResult result) =>
        explain(result) ?? new EngineCommandFailedException(
            $"{command.Program} {command.Arguments.Skip(globalArguments.Count).FirstOrDefault()} failed with exit code {result.ExitCode}"
                + (result.LastLines.Count == 0 ? "" : "; its last lines:\n  " + string.Join("\n  ", result.LastLines)),
            command.ShellText,
            result.ExitCode,
            result.LastLines);

    private async Task<ProcessResult> TryRunAsync(
        EngineCommand command, IProgress<string>? output, CancellationToken cancellationToken, Func<Stream, CancellationToken, Task>? input = null)
    {
        var path = environment.TryGetValue("PATH", out var overridden) ? overridden : Environment.GetEnvironmentVariable("PATH");
        var executable = ExecutableLocator.Find(program, path)
            ?? throw new ProviderException($"{engine} is not installed (no {program} on PATH)", installHint);
        try
        {
            return await ProcessRunner.RunAsync(new ProcessSpec(executable, command.Arguments, environment) { StandardInput = input }, output, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new ProviderException($"{engine} cannot be started: {e.Message}", installHint, e);
        }
    }
}

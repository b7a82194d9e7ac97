namespace Cybernode.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished program left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws with the whole output so a failing test shows why.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"`{CommandLine}` exited with {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}");
        }

        return this;
    }
}

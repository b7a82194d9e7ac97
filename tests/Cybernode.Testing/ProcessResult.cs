namespace Cybernode.Testing;

/// <summary>What a finished program left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws with the whole output so a failing test shows why.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(ToString());
        }

        return this;
    }

    /// <summary>Everything the program left, for the message of a failed assertion.</summary>
    public override string ToString() => $"`{CommandLine}` exited with {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

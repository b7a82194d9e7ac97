namespace Cybernode.Providers.Processes;

/// <summary>How a process ended: its exit code, everything it wrote to stdout, and its last lines (stdout and stderr).</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, IReadOnlyList<string> LastLines)
{
    public bool Succeeded => ExitCode == 0;
}

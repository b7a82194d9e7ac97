namespace Cybernode.Providers.Processes;

/// <summary>A program to start: never a shell string, always an argument list.</summary>
/// <param name="Environment">Variables to set (a null value removes one) on top of this process's environment.</param>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string? WorkingDirectory = null)
{
    /// <summary>
    /// Start the program as the leader of a session and process group of its own, killed when
    /// cybernode dies (parent-death signal). Everything in the group is stopped when the program
    /// exits or the run is cancelled, so what it started in the background does not outlive it.
    /// </summary>
    public bool OwnProcessGroup { get; init; }

    /// <summary>
    /// Writes the program's standard input while it runs (e.g. a build context as a tar), which is
    /// closed after it; null gives the program an empty one. A program that stops reading early ends
    /// the writing quietly: its exit code tells why.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? StandardInput { get; init; }

    /// <summary>Told the program's group as soon as it exists (with <see cref="OwnProcessGroup"/>), e.g. to record it in a lock.</summary>
    public Action<ProcessGroupId>? GroupStarted { get; init; }
}

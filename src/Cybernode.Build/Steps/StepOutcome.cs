namespace Cybernode.Build.Steps;

/// <summary>
/// What became of a step. <see cref="Reason"/> says why it ran ("bin/main.go changed", "no cache
/// entry", "--no-cache") or why it was skipped; <see cref="Error"/> is set when it failed.
/// </summary>
public sealed record StepOutcome(StepStatus Status, string? Reason = null, string? Error = null)
{
    /// <summary>For a skipped step: the step it needed that failed (or was itself skipped).</summary>
    public StepId? BlockedBy { get; init; }

    public bool Succeeded => Status is StepStatus.Done or StepStatus.Cached;

    public static StepOutcome Done(string? reason = null) => new(StepStatus.Done, reason);
}

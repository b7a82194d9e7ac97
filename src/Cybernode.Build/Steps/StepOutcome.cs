namespace Cybernode.Build.Steps;

/// <summary>
/// What became of a step. <see cref="Reason"/> says why it ran ("bin/main.go changed", "no cache
/// entry", "--no-cache") or why it was skipped; <see cref="Error"/> is set when it failed.
/// </summary>
public sealed record StepOutcome(StepStatus Status, string? Reason = null, string? Error = null);

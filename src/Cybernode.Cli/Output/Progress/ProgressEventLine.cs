namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// One build event as a line of <c>--progress json</c>: <see cref="Type"/> says which event
/// ("step-started", ...), the other fields are the event's own, absent when they do not apply.
/// </summary>
public sealed record ProgressEventLine(string Type, DateTimeOffset Time)
{
    public string? Service { get; init; }

    /// <summary>The step's kind: build-image, build-run, host-script, run-image, engine-load or tag.</summary>
    public string? Step { get; init; }

    public string? Title { get; init; }

    public long? Bytes { get; init; }

    public string? Line { get; init; }

    /// <summary>Who printed <see cref="Line"/>: "step" (the build step itself) or "engine" (a container engine's own messages).</summary>
    public string? Origin { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }

    public string? Error { get; init; }

    public string? Message { get; init; }

    /// <summary>step-finished of a skipped step: the step it needed that failed or was skipped.</summary>
    public StepReference? BlockedBy { get; init; }

    public string? Image { get; init; }

    public string? Digest { get; init; }

    public long? Size { get; init; }

    public double? Seconds { get; init; }

    public string? Base { get; init; }

    public string? Old { get; init; }

    public string? New { get; init; }

    /// <summary>build-started: the services in build order.</summary>
    public IReadOnlyList<string>? Services { get; init; }

    /// <summary>build-started: how many steps the build has.</summary>
    public int? Steps { get; init; }

    /// <summary>build-finished: each service as its service-finished line says it.</summary>
    public IReadOnlyList<ProgressEventLine>? Results { get; init; }
}

namespace Cybernode.Build.Steps;

/// <summary>
/// One unit of a build the scheduler runs once every step it <see cref="Needs"/> is done. Caching,
/// concurrency limits and recording wrap a step; they are not written inside it.
/// </summary>
public interface IStep
{
    StepId Id { get; }

    IReadOnlyList<StepId> Needs { get; }

    /// <summary>What it does, for people: "running 01build.sh", "building fullnode-btcd-build with podman".</summary>
    string Title { get; }

    Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken);
}

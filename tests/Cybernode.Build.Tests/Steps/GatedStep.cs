using Cybernode.Build.Steps;

namespace Cybernode.Build.Tests.Steps;

/// <summary>
/// A step that does nothing but wait for the test to open its gate: the test sees when it starts,
/// how many run at once, and decides its outcome.
/// </summary>
public sealed class GatedStep(StepId id, IReadOnlyList<StepId> needs, Concurrency concurrency) : IStep
{
    private readonly TaskCompletionSource<StepOutcome> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedStep(string name, Concurrency concurrency, params string[] needs)
        : this(IdOf(name), [.. needs.Select(IdOf)], concurrency)
    {
    }

    public StepId Id { get; } = id;

    public IReadOnlyList<StepId> Needs { get; } = needs;

    public string Title => $"gated {Id}";

    public bool HasStarted => _started.Task.IsCompleted;

    /// <summary>Completes when the step starts; a guard of 10 s turns a scheduler that never starts it into a failure, not a hang.</summary>
    public Task Started => _started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public static StepId IdOf(string name) => new(name, StepKind.HostScript);

    public void Finish(StepStatus status = StepStatus.Done) => _gate.SetResult(new StepOutcome(status, Error: status == StepStatus.Failed ? $"{Id} broke" : null));

    public void Throw(Exception exception) => _gate.SetException(exception);

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        concurrency.Enter();
        _started.SetResult();
        try
        {
            return await _gate.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            concurrency.Leave();
        }
    }
}

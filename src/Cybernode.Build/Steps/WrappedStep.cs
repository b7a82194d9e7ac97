namespace Cybernode.Build.Steps;

/// <summary>
/// A step around another: the same id, needs and title, with <see cref="RunAsync"/> left to say
/// what it adds around <see cref="Inner"/>. The base of every <see cref="IStepWrapper"/>'s steps.
/// </summary>
public abstract class WrappedStep(IStep inner) : IStep
{
    protected IStep Inner { get; } = inner;

    public StepId Id => Inner.Id;

    public IReadOnlyList<StepId> Needs => Inner.Needs;

    public string Title => Inner.Title;

    public abstract Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken);
}

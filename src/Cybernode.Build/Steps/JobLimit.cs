namespace Cybernode.Build.Steps;

/// <summary>At most <c>jobs</c> steps do their work at once (--jobs); the others wait for a slot once their needs are done.</summary>
public sealed class JobLimit(int jobs) : IStepWrapper, IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, jobs));

    public IStep Wrap(IStep step) => new LimitedStep(step, _slots);

    public void Dispose() => _slots.Dispose();

    private sealed class LimitedStep(IStep inner, SemaphoreSlim slots) : WrappedStep(inner)
    {
        public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                // A slot freed by a step that was just cancelled can go to a waiter before its own cancellation does.
                cancellationToken.ThrowIfCancellationRequested();
                return await Inner.RunAsync(context, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}

namespace Cybernode.Build.Steps;

/// <summary>Adds up the bytes a step reports in pieces and tells the build the running total (<see cref="StepContext.Progressed"/>).</summary>
public sealed class StepBytes(StepContext context) : IProgress<long>
{
    private long _total;

    public void Report(long value) => context.Progressed(Interlocked.Add(ref _total, value));
}

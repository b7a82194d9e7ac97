using Cybernode.Build.Reporting;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Steps;

/// <summary>A step of one service's build, run holding the service's lock (<see cref="ServiceLocking"/>).</summary>
public abstract class ServiceStep(StepSpec spec, ServiceRun run) : IStep
{
    public StepId Id => spec.Id;

    public IReadOnlyList<StepId> Needs => spec.Needs;

    public abstract string Title { get; }

    protected ServiceRun Run => run;

    protected Service Service => run.Service;

    protected BuildSession Session => run.Session;

    protected StepLog Log => run.LogFor(Id);

    public abstract Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken);
}

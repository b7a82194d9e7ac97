namespace Cybernode.Build.Steps;

/// <summary>
/// Puts something around every step of a graph: a job limit, recording, a cache. The graph is
/// built with a list of these (<see cref="StepGraph"/>); the first in the list is the innermost,
/// closest to the step's own work.
/// </summary>
public interface IStepWrapper
{
    IStep Wrap(IStep step);
}

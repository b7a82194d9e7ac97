namespace Cybernode.Build.Steps;

/// <summary>
/// Steps and the needs between them, each step wrapped by the graph's <see cref="IStepWrapper"/>s
/// (first innermost). Refuses a need that names no step of the graph and a cycle of needs, so the
/// scheduler always reaches the end.
/// </summary>
public sealed class StepGraph
{
    public StepGraph(IEnumerable<IStep> steps, IReadOnlyList<IStepWrapper> wrappers)
    {
        var all = steps.ToList();
        Steps = [.. all.Select(step => wrappers.Aggregate(step, (wrapped, wrapper) => wrapper.Wrap(wrapped)))];
        var byId = new Dictionary<StepId, IStep>();
        foreach (var step in all)
        {
            if (!byId.TryAdd(step.Id, step))
            {
                throw new ArgumentException($"two steps are {step.Id}", nameof(steps));
            }
        }

        foreach (var step in all)
        {
            var unknown = step.Needs.Where(n => !byId.ContainsKey(n)).Select(n => n.ToString()).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"{step.Id} needs {string.Join(", ", unknown)}, which the graph does not hold", nameof(steps));
            }
        }

        RefuseCycles(all, byId);
    }

    /// <summary>The wrapped steps, in the order they were given.</summary>
    public IReadOnlyList<IStep> Steps { get; }

    private static void RefuseCycles(List<IStep> steps, Dictionary<StepId, IStep> byId)
    {
        var done = new HashSet<StepId>();
        var path = new List<StepId>();
        void Visit(IStep step)
        {
            if (done.Contains(step.Id))
            {
                return;
            }

            var seen = path.IndexOf(step.Id);
            if (seen >= 0)
            {
                throw new ArgumentException($"the steps need each other in a cycle: {string.Join(" -> ", path[seen..].Append(step.Id))}", nameof(steps));
            }

            path.Add(step.Id);
            foreach (var need in step.Needs)
            {
                Visit(byId[need]);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(step.Id);
        }

        steps.ForEach(Visit);
    }
}

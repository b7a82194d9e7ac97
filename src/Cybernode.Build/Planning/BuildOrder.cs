namespace Cybernode.Build.Planning;

/// <summary>Orders services so each comes after the services it starts FROM (or copies from, or is to be built after); refuses cycles.</summary>
public static class BuildOrder
{
    /// <summary>
    /// The wanted services and everything they need, dependencies first; ties keep name order so the
    /// same workspace always builds in the same order.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> services, IReadOnlyList<ServiceDependency> dependencies, IEnumerable<string> wanted)
    {
        var needs = services.ToDictionary(s => s, _ => new List<ServiceDependency>(), StringComparer.Ordinal);
        foreach (var dependency in dependencies)
        {
            needs[dependency.Service].Add(dependency);
        }

        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<ServiceDependency>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string service)
        {
            if (done.Contains(service))
            {
                return;
            }

            onPath.Add(service);
            foreach (var dependency in needs[service].OrderBy(d => d.DependsOn, StringComparer.Ordinal))
            {
                if (onPath.Contains(dependency.DependsOn))
                {
                    var start = path.FindIndex(d => d.Service == dependency.DependsOn);
                    var cycle = path.Skip(start < 0 ? path.Count : start).Append(dependency).ToList();
                    var chain = string.Join(" -> ", cycle.Select(d => d.Service).Append(dependency.DependsOn));
                    throw new UserError($"services need each other in a cycle (FROM, COPY --from or build_after): {chain}", dependency.File, dependency.Line,
                        "one of these Dockerfiles must start FROM an image that does not depend on the others, or a build_after: must go");
                }

                path.Add(dependency);
                Visit(dependency.DependsOn);
                path.RemoveAt(path.Count - 1);
            }

            onPath.Remove(service);
            done.Add(service);
            order.Add(service);
        }

        foreach (var service in wanted.Order(StringComparer.Ordinal))
        {
            Visit(service);
        }

        return order;
    }
}

using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Steps;

/// <summary>
/// The steps of one build and the needs between them, service by service in build order: what
/// <c>build</c> runs and what <c>build --dry-run</c> prints, from the same graph. Bodies are given
/// by whoever uses it (<see cref="ToStepGraph"/>): the build's real steps, the plan's commands.
/// </summary>
public sealed class BuildGraph(IReadOnlyList<Service> services, IReadOnlyList<StepSpec> steps, bool usesEngine)
{
    /// <summary>The services built, each after those it needs.</summary>
    public IReadOnlyList<Service> Services { get; } = services;

    /// <summary>Every step, service by service in build order, each service's in the order they run.</summary>
    public IReadOnlyList<StepSpec> Steps { get; } = steps;

    /// <summary>Whether the build needs a container engine (Dockerfile-build, --assembler engine, or one was named).</summary>
    public bool UsesEngine { get; } = usesEngine;

    public IReadOnlyList<StepSpec> StepsOf(string service) => [.. Steps.Where(s => s.Id.Service == service)];

    public bool Has(StepId id) => Steps.Any(s => s.Id == id);

    public StepGraph ToStepGraph(Func<StepSpec, IStep> body, IReadOnlyList<IStepWrapper> wrappers) => new(Steps.Select(body), wrappers);
}

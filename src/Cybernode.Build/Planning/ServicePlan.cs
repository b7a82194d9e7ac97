using Cybernode.Providers;

namespace Cybernode.Build.Planning;

public sealed record ServicePlan(string Name, string Image, IReadOnlyList<EngineCommand> Commands)
{
    /// <summary>The bases the build would not find, one error per Dockerfile line: the build would start nothing.</summary>
    public IReadOnlyList<UserError> MissingBases { get; init; } = [];
}

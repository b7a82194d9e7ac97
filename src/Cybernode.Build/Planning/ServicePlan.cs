using Cybernode.Providers;

namespace Cybernode.Build.Planning;

public sealed record ServicePlan(string Name, string Image, IReadOnlyList<EngineCommand> Commands);

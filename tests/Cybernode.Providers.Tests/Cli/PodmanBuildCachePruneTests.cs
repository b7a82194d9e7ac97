using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class PodmanBuildCachePruneTests(PodmanEngine engine) : BuildCachePruneTests(engine), IClassFixture<PodmanEngine>
{
    protected override Task<string> EngineAsync(params string[] arguments) =>
        RunAsync("podman", [.. engine.Options.GlobalArguments(), .. arguments], engine.Options.ProcessEnvironment());
}

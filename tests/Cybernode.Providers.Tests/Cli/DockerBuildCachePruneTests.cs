using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class DockerBuildCachePruneTests(DockerEngine engine) : BuildCachePruneTests(engine), IClassFixture<DockerEngine>
{
    protected override Task<string> EngineAsync(params string[] arguments) =>
        RunAsync(DockerDaemon.Client, arguments, engine.CliEnvironment);
}

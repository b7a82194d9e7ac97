using Cybernode.Providers.Buildah;

namespace Cybernode.Providers.Tests.Support;

/// <summary>buildah with storage in a temp folder and the containers.conf from <see cref="ContainersConf"/>.</summary>
public sealed class BuildahEngine : EngineFixture
{
    public ContainersToolOptions Options { get; private set; } = new();

    /// <summary>buildah's working containers: the only containers it has.</summary>
    public override Task<IReadOnlyList<string>> ContainerNamesAsync() =>
        OutputLinesAsync("buildah", [.. Options.GlobalArguments(), "containers", "--format", "{{.ContainerName}}"], Options.ProcessEnvironment());

    protected override string? MissingTool() => RequiredTool.Find("buildah") is null ? "buildah is not installed: apt-get install buildah" : null;

    protected override Task<IContainerProvider> StartAsync()
    {
        Options = ContainersConf.OptionsIn(Folder);
        return Task.FromResult<IContainerProvider>(new BuildahProvider(Options));
    }
}

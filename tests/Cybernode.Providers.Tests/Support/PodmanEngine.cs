using Cybernode.Providers.Podman;

namespace Cybernode.Providers.Tests.Support;

/// <summary>podman with storage in a temp folder and the options from <see cref="EngineStorage"/>.</summary>
public sealed class PodmanEngine : EngineFixture
{
    public ContainersToolOptions Options { get; private set; } = new();

    public override Task<IReadOnlyList<string>> ContainerNamesAsync() =>
        OutputLinesAsync("podman", [.. Options.GlobalArguments(), "ps", "--all", "--format", "{{.Names}}"], Options.ProcessEnvironment());

    public override Task<IReadOnlyList<string>> ImageIdsAsync() =>
        OutputLinesAsync("podman", [.. Options.GlobalArguments(), "images", "--all", "--quiet"], Options.ProcessEnvironment());

    public override string? StorageFolder => Folder.Combine("root");

    public override IReadOnlyDictionary<string, string?> CliEnvironment => Options.ProcessEnvironment();

    public override Task<IReadOnlyList<string>> RunImageAsync(TwoPhaseWorkspace workspace, string image) =>
        OutputLinesAsync("podman", [.. Options.GlobalArguments(), "run", "--rm", "--network", "none", image], Options.ProcessEnvironment());

    protected override string? MissingTool() => RequiredTool.TryFind("podman") is null ? "podman is not installed: apt-get install podman" : null;

    protected override Task<IContainerProvider> StartAsync()
    {
        Options = EngineStorage.OptionsIn(Folder);
        return Task.FromResult<IContainerProvider>(new PodmanProvider(Options));
    }
}

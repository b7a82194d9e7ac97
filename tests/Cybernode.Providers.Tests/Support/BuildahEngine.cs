using Cybernode.Providers.Buildah;

namespace Cybernode.Providers.Tests.Support;

/// <summary>buildah with storage in a temp folder and the options from <see cref="EngineStorage"/>.</summary>
public sealed class BuildahEngine : EngineFixture
{
    public ContainersToolOptions Options { get; private set; } = new();

    /// <summary>buildah's working containers: the only containers it has.</summary>
    public override Task<IReadOnlyList<string>> ContainerNamesAsync() =>
        OutputLinesAsync("buildah", [.. Options.GlobalArguments(), "containers", "--format", "{{.ContainerName}}"], Options.ProcessEnvironment());

    public override Task<IReadOnlyList<string>> ImageIdsAsync() =>
        OutputLinesAsync("buildah", [.. Options.GlobalArguments(), "images", "--all", "--quiet"], Options.ProcessEnvironment());

    public override string? StorageFolder => Folder.Combine("root");

    public override IReadOnlyDictionary<string, string?> CliEnvironment => Options.ProcessEnvironment();

    /// <summary>buildah runs no images as they are: the image is exported by cybernode and run by a podman of the test's own.</summary>
    public override async Task<IReadOnlyList<string>> RunImageAsync(TwoPhaseWorkspace workspace, string image)
    {
        using var podman = new TempFolder("cybernode-podman-");
        var options = EngineStorage.OptionsIn(podman);
        var archive = podman.Combine("image.tar");
        var export = await CybernodeCli.RunAsync(["export", image, "-o", archive, "--format", "oci-archive", "--store", workspace.Store], CancellationToken.None);
        export.ExitCode.ShouldBe(0, export.ToString());
        await OutputLinesAsync("podman", [.. options.GlobalArguments(), "load", "--input", archive], options.ProcessEnvironment());
        return await OutputLinesAsync("podman", [.. options.GlobalArguments(), "run", "--rm", "--network", "none", image], options.ProcessEnvironment());
    }

    protected override string? MissingTool() => RequiredTool.TryFind("buildah") is null ? "buildah is not installed: apt-get install buildah" : null;

    protected override Task<IContainerProvider> StartAsync()
    {
        Options = EngineStorage.OptionsIn(Folder);
        return Task.FromResult<IContainerProvider>(new BuildahProvider(Options));
    }
}

using Cybernode.Providers.Docker;

namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// The suite's dockerd (<see cref="DockerDaemon"/>: ./run-tests starts it with no bridge and no
/// iptables rules, so it never meets another dockerd on the same machine); containers get network none.
/// </summary>
public sealed class DockerEngine : EngineFixture
{
    public string Host { get; private set; } = "";

    public override Task<IReadOnlyList<string>> ContainerNamesAsync() =>
        OutputLinesAsync(DockerDaemon.Client, ["ps", "--all", "--format", "{{.Names}}"], CliEnvironment);

    // docker 20.10 cannot save an image without layers ("empty export"); the daemon the test run
    // shares holds such config-only images of other suites, and they hold no file to search.
    public override async Task<IReadOnlyList<string>> ImageIdsAsync()
    {
        var withLayers = new List<string>();
        foreach (var id in (await OutputLinesAsync(DockerDaemon.Client, ["images", "--all", "--quiet", "--no-trunc"], CliEnvironment)).Distinct())
        {
            var layers = await OutputLinesAsync(DockerDaemon.Client, ["image", "inspect", "--format", "{{len .RootFS.Layers}}", id], CliEnvironment);
            if (layers is not ["0"])
            {
                withLayers.Add(id);
            }
        }

        return withLayers;
    }

    /// <summary>The suite's daemon keeps its data where ./run-tests put it, shared by every suite: not the test's to search.</summary>
    public override string? StorageFolder => null;

    public override IReadOnlyDictionary<string, string?> CliEnvironment => new Dictionary<string, string?> { ["DOCKER_HOST"] = Host };

    public override Task<IReadOnlyList<string>> RunImageAsync(TwoPhaseWorkspace workspace, string image) =>
        OutputLinesAsync(DockerDaemon.Client, ["run", "--rm", "--network", "none", image], CliEnvironment);

    protected override string? MissingTool() => DockerDaemon.Missing;

    protected override Task<IContainerProvider> StartAsync()
    {
        Host = DockerDaemon.Connect().Host;
        return Task.FromResult<IContainerProvider>(new DockerProvider(new DockerOptions { Program = DockerDaemon.Client, Host = Host }));
    }
}

using Cybernode.Providers.Processes;
using ProcessRunner = Cybernode.Providers.Processes.ProcessRunner;

namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// A real engine with private storage, holding cybernode/busybox-base, for one test class.
/// When a tool is missing it stays unusable and says why; tests call <see cref="RequireAsync"/>.
/// </summary>
public abstract class EngineFixture : IAsyncLifetime
{
    private string? _unavailable;

    public IContainerProvider Provider { get; private set; } = null!;

    public TempFolder Folder { get; } = new("cybernode-engine-");

    /// <summary>The names of every container the engine knows, running or not.</summary>
    public abstract Task<IReadOnlyList<string>> ContainerNamesAsync();

    /// <summary>The ids of every image the engine holds, intermediate ones included.</summary>
    public abstract Task<IReadOnlyList<string>> ImageIdsAsync();

    /// <summary>The folder the engine keeps its images and layers in, when the tests own it; else null.</summary>
    public abstract string? StorageFolder { get; }

    /// <summary>The variables that point the cybernode CLI (and the engine's own client) at this engine.</summary>
    public abstract IReadOnlyDictionary<string, string?> CliEnvironment { get; }

    /// <summary>Runs a run image the CLI built, as a user would, and returns what it printed.</summary>
    public abstract Task<IReadOnlyList<string>> RunImageAsync(TwoPhaseWorkspace workspace, string image);

    public void Require() => RequiredTool.Require(_unavailable);

    public async ValueTask InitializeAsync()
    {
        _unavailable = BusyboxBase.Missing ?? MissingTool();
        if (_unavailable is not null)
        {
            return;
        }

        Provider = await StartAsync();
        var image = await BusyboxBase.GetAsync();
        await Provider.LoadImageAsync(image.ArchivePath(Provider.PreferredArchiveFormat.TransportName()), Provider.PreferredArchiveFormat, new Lines(), CancellationToken.None);
    }

    public virtual ValueTask DisposeAsync()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Why the engine cannot be used here, or null.</summary>
    protected abstract string? MissingTool();

    protected abstract Task<IContainerProvider> StartAsync();

    /// <summary>Runs an engine command for a check the provider interface does not offer.</summary>
    protected static async Task<IReadOnlyList<string>> OutputLinesAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec(program, arguments, environment), null, CancellationToken.None);
        result.ExitCode.ShouldBe(0, string.Join('\n', result.LastLines));
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

using Cybernode.Oci.Model;
namespace Cybernode.Providers.Tests.Selection;

/// <summary>A provider that only answers probes, and counts them: selection needs nothing else.</summary>
public sealed class ProbedOnlyProvider(string name, bool usable) : IContainerProvider
{
    public int Probes { get; private set; }

    public string Name => name;

    public ArchiveFormat PreferredArchiveFormat => ArchiveFormat.OciArchive;

    public Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        Probes++;
        return Task.FromResult(usable
            ? new ProviderStatus(name, true, "1.0", null, null)
            : new ProviderStatus(name, false, null, $"{name} is not installed", $"apt-get install {name}"));
    }

    public Task BuildImageAsync(BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RunBuildAsync(RunBuildRequest request, IProgress<string> output, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task LoadImageAsync(string archivePath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SaveImageAsync(string image, string targetPath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Digest?> ImageIdAsync(string image, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveImageAsync(string image) => throw new NotSupportedException();

    public Task TagImageAsync(string image, string newName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IReadOnlyList<EngineCommand> PlanTagImage(string image, string newName) => throw new NotSupportedException();

    public IReadOnlyList<EngineCommand> PlanLoadImage(string archivePath, ArchiveFormat format) => throw new NotSupportedException();

    public IReadOnlyList<EngineCommand> PlanSaveImage(string image, string targetPath, ArchiveFormat format) => throw new NotSupportedException();

    public IReadOnlyList<EngineCommand> PlanBuildImage(BuildImageRequest request) => throw new NotSupportedException();

    public IReadOnlyList<EngineCommand> PlanRunBuild(RunBuildRequest request) => throw new NotSupportedException();
}

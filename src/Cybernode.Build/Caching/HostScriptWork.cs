using Cybernode.Build.Secrets;
using Cybernode.Build.Steps;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Caching;

/// <summary>A service's 01build.sh as the cache sees it: the service folder in, bin/ out, BUILD_DIR and the secrets' ids set.</summary>
public sealed class HostScriptWork(Service service, BuildOptions options) : ICacheableStep
{
    public StepId Id { get; } = new(service.Name, StepKind.HostScript);

    public string InputFolder => service.Folder;

    public string OutputFolder => service.OutputFolder;

    // The secrets folder is a new temporary path every build: which secrets are given counts, never where or what they hold.
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BUILD_DIR"] = service.OutputFolder,
        [SecretFolder.Variable] = string.Join(',', options.Secrets.Select(s => s.Id).Order(StringComparer.Ordinal)),
    };

    public Task<IReadOnlyDictionary<string, string>> ImagesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}

using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// Builds a copy of the example cluster once for a test class, on first use, so a missing gcc
/// skips (or, under CI, fails) each test rather than breaking the class.
/// </summary>
public sealed class BuiltClusterFixture : IDisposable
{
    private readonly TempFolder _directory = new("cybernode-cluster-");
    private readonly Lazy<Task<BuiltCluster>> _build;

    public BuiltClusterFixture()
    {
        _build = new Lazy<Task<BuiltCluster>>(() => BuildAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A new empty folder beside the build, for exports and unpacked bundles.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(_directory.Combine("scratch", name)).FullName;

    public Task<BuiltCluster> GetAsync()
    {
        RequiredTool.Find("gcc", "gcc");
        return _build.Value;
    }

    public void Dispose() => _directory.Dispose();

    private async Task<BuiltCluster> BuildAsync(CancellationToken cancellationToken)
    {
        var workspace = ExampleCluster.CopyTo(_directory.Combine("cluster"));
        var store = _directory.Combine("store");
        var digests = await CybernodeCli.BuildAsync(workspace, store, cancellationToken);
        return new BuiltCluster(workspace, store, digests);
    }
}

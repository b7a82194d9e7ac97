using System.Net;
using System.Text.Json;
using Cybernode.Build.Assembly;
using Cybernode.Build.Publishing;
using Cybernode.Build.Reporting;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Build.Tests.Publishing;

/// <summary>The three phases on Debian's registry: a layer shared by two services goes up once, and a service with no image holds back every manifest and tag.</summary>
public sealed class ClusterPublisherTests : IAsyncLifetime
{
    private readonly TempFolder _ws = new();
    private RegistryServer? _registry;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private RegistryServer Registry => _registry!;

    private RegistryTarget Target => new(Registry.Host, "team");

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(Token);
        var shared = new byte[32 * 1024];
        new Random(3).NextBytes(shared);
        foreach (var name in new[] { "a", "b" })
        {
            _ws.WriteBytes($"{name}/shared.bin", shared);
            _ws.Write($"{name}/own.txt", name);
            _ws.Write($"{name}/Dockerfile", "FROM scratch\nCOPY shared.bin /\nCOPY own.txt /\n");
        }

        _ws.Write("cybernode.yaml", "tags: [v1]\n");
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _ws.Dispose();
    }

    [Fact]
    public async Task Every_blob_goes_up_once_then_the_manifests_then_the_tags()
    {
        var (workspace, results) = await BuildAsync();

        var published = await PublishAsync(workspace, results);

        published.Succeeded.ShouldBeTrue(string.Join('\n', published.Services.Select(s => s.Error)));

        // Two configs, two own layers, one shared layer sent once and found or mounted for the other repository.
        published.Totals.Uploaded.ShouldBe(5);
        (published.Totals.Mounted + published.Totals.Existing).ShouldBe(1);
        foreach (var service in published.Services)
        {
            service.Tags.Select(t => (t.Tag, t.Status)).ShouldBe([("latest", TagStatus.Moved), ("v1", TagStatus.Moved)]);
            foreach (var tag in new[] { "latest", "v1" })
            {
                (await RegistryDigestAsync($"team/{service.Service}", tag)).ShouldBe(service.Digest!.ToString());
            }
        }

        var again = await PublishAsync(workspace, results);

        again.Totals.ShouldBe(new BlobCounts(0, 6, 0, 0));
        again.Services.SelectMany(s => s.Tags).ShouldAllBe(t => t.Status == TagStatus.Unchanged);
    }

    [Fact]
    public async Task A_service_without_an_image_holds_back_every_manifest_and_tag()
    {
        var (workspace, results) = await BuildAsync();
        var failed = results.Select(r => r.Name == "b" ? r with { Status = ServiceStatus.Failed, Digest = null } : r).ToList();

        var published = await PublishAsync(workspace, failed);

        published.Succeeded.ShouldBeFalse();
        var a = published.Services.Single(s => s.Service == "a");
        a.Status.ShouldBe(PublishStatus.Held);
        a.ManifestPushed.ShouldBeFalse();
        a.Tags.ShouldAllBe(t => t.Status == TagStatus.Held && t.Attempts == 0);
        published.Services.Single(s => s.Service == "b").Status.ShouldBe(PublishStatus.NotBuilt);
        using var http = new HttpClient();
        (await http.GetAsync($"http://{Registry.Host}/v2/team/a/manifests/{a.Digest}", Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync($"http://{Registry.Host}/v2/team/a/manifests/latest", Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(Workspace Workspace, IReadOnlyList<ServiceResult> Results)> BuildAsync()
    {
        var workspace = WorkspaceLoader.Load(_ws.Path);
        var options = new BuildOptions(_ws["store"], AssemblerOptions.Default, new Dictionary<string, string>(), []);
        var results = await new BuildEngine(new RecordedEvents()).BuildAsync(workspace, options, Token);
        results.ShouldAllBe(r => r.Status == ServiceStatus.Built);
        return (workspace, results);
    }

    private async Task<PublishResult> PublishAsync(Workspace workspace, IReadOnlyList<ServiceResult> results)
    {
        using var store = await OciLayoutStore.OpenAsync(_ws["store"], Token);
        using var registries = new Registries(new RegistryClientOptions());
        var selection = await PublishSelection.FromBuildAsync(store, workspace, results, Target, Token);
        return await new ClusterPublisher(new RegistryCluster(registries, Target, store), Target).PublishAsync(selection.Images, selection.Unbuilt, Token);
    }

    private async Task<string> RegistryDigestAsync(string repository, string tag)
    {
        var output = await RegistryServer.SkopeoAsync(["inspect", "--tls-verify=false", $"docker://{Registry.Host}/{repository}:{tag}"], Token);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("Digest").GetString()!;
    }
}

using System.Net.Sockets;
using System.Text.Json;
using Cybernode.Oci.Store;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>The test registry itself: it serves what skopeo puts in, and comes back after a stop with its storage.</summary>
public sealed class RegistryServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serves_an_image_copied_in_with_skopeo_and_again_after_a_restart()
    {
        using var folder = new TempFolder();
        using (var store = await OciLayoutStore.OpenAsync(folder.Combine("store"), Ct))
        {
            await RandomImage.WriteAsync(store, "cybernode/random:latest", 5, Ct, layers: 2);
        }

        await using var registry = await RegistryServer.StartAsync(Ct);
        await registry.CopyInAsync(folder.Combine("store"), "cybernode/random:latest", "team/random", "v1", Ct);
        var before = await InspectDigestAsync(registry);

        await registry.StopAsync();
        registry.IsRunning.ShouldBeFalse();
        using (var client = new TcpClient())
        {
            await Should.ThrowAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", registry.Port, Ct).AsTask());
        }

        await registry.StartAgainAsync(Ct);
        (await InspectDigestAsync(registry)).ShouldBe(before);
    }

    [Fact]
    public async Task Takes_an_auth_section_and_then_asks_for_credentials()
    {
        await using var registry = await RegistryServer.StartAsync(
            Ct,
            authYaml: """
            auth:
              htpasswd:
                realm: cybernode-tests
                path: HTPASSWD
            """.Replace("HTPASSWD", "/dev/null", StringComparison.Ordinal));
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://{registry.Host}/v2/", Ct);
        ((int)response.StatusCode).ShouldBe(401);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("cybernode-tests");
    }

    private static async Task<string> InspectDigestAsync(RegistryServer registry)
    {
        using var inspect = JsonDocument.Parse(await RegistryServer.SkopeoAsync(["inspect", "--tls-verify=false", $"docker://{registry.Host}/team/random:v1"], Ct));
        return inspect.RootElement.GetProperty("Digest").GetString()!;
    }
}

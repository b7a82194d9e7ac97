using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Tests.Registry.Auth;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// A plain-HTTP registry on an address of this machine that is not loopback: pull, push, login,
/// import docker:// and export -o docker:// speak HTTPS to it unless --tls-verify=false or the
/// workspace's insecure_registries: allow plain HTTP, and a password never goes to it in the clear.
/// </summary>
public sealed class InsecureRegistryCliTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_the_option_a_push_and_a_pull_try_tls_and_say_how_to_allow_plain_http()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token, address: OtherAddress());

        var push = await workspace.RunLeavingStoreUnchangedAsync(["push", SmallWorkspace.SeedImage, $"{registry.Host}/team/seed:v1", "--store", workspace.Store], Token);
        var pull = await workspace.RunLeavingStoreUnchangedAsync(["pull", $"{registry.Host}/team/seed:v1", "--store", workspace.Store], Token);

        push.ShouldFailCleanly(1, $"TLS with {registry.Host} failed", "--tls-verify=false");
        pull.ShouldFailCleanly(1, $"TLS with {registry.Host} failed", "--tls-verify=false");
    }

    [Fact]
    public async Task Tls_verify_false_pushes_pulls_exports_and_imports_over_plain_http()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token, address: OtherAddress());
        var target = $"{registry.Host}/team/seed:v1";

        var pushed = await CybernodeCli.JsonAsync(["push", SmallWorkspace.SeedImage, target, "--tls-verify=false", "--json", "--store", workspace.Store], Token);
        var pulled = await CybernodeCli.JsonAsync(["pull", target, "--tls-verify=false", "--json", "--store", workspace.Outside("pulled")], Token);
        var exported = await CybernodeCli.JsonAsync(["export", SmallWorkspace.SeedImage, "-o", $"docker://{registry.Host}/team/exported:v2", "--tls-verify=false", "--json", "--store", workspace.Store], Token);
        var imported = await CybernodeCli.JsonAsync(["import", $"docker://{registry.Host}/team/exported:v2", "local/copy:v2", "--tls-verify=false", "--json", "--store", workspace.Outside("imported")], Token);

        var digest = pushed.GetProperty("digest").GetString();
        using (var inspect = JsonDocument.Parse(await RegistryServer.SkopeoAsync(["inspect", "--tls-verify=false", $"docker://{target}"], Token)))
        {
            inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(digest);
        }

        pulled.GetProperty("digest").GetString().ShouldBe(digest);
        exported.GetProperty("digest").GetString().ShouldBe(digest);
        imported.GetProperty("digest").GetString().ShouldBe(digest);
    }

    [Fact]
    public async Task Inside_a_workspace_its_insecure_registries_apply_to_push_and_pull()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await RegistryServer.StartAsync(Token, address: OtherAddress());
        var target = $"{registry.Host}/team/seed:v1";
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "cybernode.yaml"), $"insecure_registries: [{registry.Host}]\n", Token);
        var below = Path.Combine(workspace.Root, "some", "folder");
        Directory.CreateDirectory(below);

        var pushed = await CybernodeCli.JsonAsync(["push", SmallWorkspace.SeedImage, target, "--json", "--store", workspace.Store], Token, workingDirectory: workspace.Root);
        var pulled = await CybernodeCli.JsonAsync(["pull", target, "--json", "--store", workspace.Outside("pulled")], Token, workingDirectory: below);
        var outside = await CybernodeCli.RunAsync(["pull", target, "--store", workspace.Outside("outside")], Token, workingDirectory: workspace.Outside("pulled"));

        pulled.GetProperty("digest").GetString().ShouldBe(pushed.GetProperty("digest").GetString());
        outside.ShouldFailCleanly(1, $"TLS with {registry.Host} failed");
    }

    [Fact]
    public async Task Login_with_tls_verify_false_still_sends_no_password_over_plain_http_to_another_machine()
    {
        using var home = new TempFolder("cybernode-login-");
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token, OtherAddress());
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = home.Combine("docker"), ["HOME"] = home.Path },
            StandardInput = AuthRegistry.Password,
        };

        var plain = await CybernodeCli.RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin", "--tls-verify=false"], options, Token);
        var tls = await CybernodeCli.RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin"], options, Token);

        plain.ShouldFailCleanly(1, $"refusing to send credentials over plain HTTP to {registry.Host}");
        tls.ShouldFailCleanly(1, registry.Host);
        tls.StandardError.ShouldNotContain("plain HTTP to");
        foreach (var secret in AuthRegistry.Secrets())
        {
            (plain.StandardOutput + plain.StandardError + tls.StandardOutput + tls.StandardError).ShouldNotContain(secret);
        }

        File.Exists(home.Combine("docker", "config.json")).ShouldBeFalse();
    }

    /// <summary>An IPv4 address of this machine that is not loopback, so plain HTTP to it is not allowed by default.</summary>
    private static string OtherAddress()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(card => card.OperationalStatus == OperationalStatus.Up && card.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(card => card.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(ip));
        RequiredTool.Require(address is null ? "this machine has no IPv4 address besides loopback to serve a registry on" : null);
        return address!.ToString();
    }
}

using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Oci.Tests.Registry.Auth;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>push and pull against registries that want a login: htpasswd Basic, Bearer tokens, a credential helper.</summary>
public sealed class RegistryAuthCliTests : IDisposable
{
    private readonly TempFolder _home = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Push_and_pull_through_an_htpasswd_registry_after_login_and_one_clear_error_before()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        var target = $"{registry.Host}/team/seed:v1";
        var environment = Environment();

        var anonymous = await CybernodeCli.RunAsync(["push", SmallWorkspace.SeedImage, target, "--store", workspace.Store], Token, environment);
        anonymous.ExitCode.ShouldBe(1);
        anonymous.StandardError.ShouldStartWith($"cybernode: {registry.Host}: unauthorized: the registry requires a login\nhint: log in first: cybernode login {registry.Host}");

        await LoginAsync(registry.Host, environment);
        var digest = await PushThenPullAsync(workspace, target, environment);

        using var inspect = JsonDocument.Parse(await RegistryServer.SkopeoAsync(
            ["inspect", "--tls-verify=false", "--creds", $"{AuthRegistry.User}:{AuthRegistry.Password}", $"docker://{target}"], Token));
        inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(digest);
    }

    [Fact]
    public async Task Push_and_pull_through_a_token_registry_trade_the_stored_refresh_token_and_show_no_token()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        var environment = Environment();
        await LoginAsync(registry.Host, environment);

        await PushThenPullAsync(workspace, $"{registry.Host}/team/seed:v1", environment, tokens);

        tokens.Requests.ShouldContain("POST grant_type=refresh_token&scope=repository:team/seed:pull,push");
        tokens.Requests.ShouldContain("POST grant_type=refresh_token&scope=repository:team/seed:pull");
    }

    [Fact]
    public async Task Push_and_pull_with_the_login_kept_by_a_docker_credential_helper()
    {
        using var workspace = new SmallWorkspace();
        await workspace.SeedStoreAsync(Token);
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        var kept = _home.Combine("helper-store");
        var environment = Environment();
        foreach (var (name, value) in CredentialHelperScript.Install(_home.Path, kept))
        {
            environment[name] = value;
        }

        Directory.CreateDirectory(_home.Combine("docker"));
        await File.WriteAllTextAsync(_home.Combine("docker", "config.json"), $$$"""{"credHelpers":{"{{{registry.Host}}}":"{{{CredentialHelperScript.Name}}}"}}""", Token);
        await LoginAsync(registry.Host, environment);
        File.Exists(CredentialHelperScript.FileOf(kept, registry.Host)).ShouldBeTrue();

        await PushThenPullAsync(workspace, $"{registry.Host}/team/seed:v1", environment);
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["DOCKER_CONFIG"] = _home.Combine("docker"),
        ["HOME"] = _home.Path,
    };

    private static async Task LoginAsync(string host, Dictionary<string, string?> environment)
    {
        var login = await CybernodeCli.RunAsync(
            ["login", host, "-u", AuthRegistry.User, "--password-stdin"],
            new ProcessOptions { Environment = environment, StandardInput = AuthRegistry.Password },
            Token);
        login.EnsureSuccess();
    }

    // Push, then pull into another store: the same digest, and no secret in anything printed.
    private static async Task<string> PushThenPullAsync(SmallWorkspace workspace, string target, Dictionary<string, string?> environment, TokenServer? tokens = null)
    {
        var push = (await CybernodeCli.RunAsync(["push", SmallWorkspace.SeedImage, target, "--json", "--store", workspace.Store], Token, environment)).EnsureSuccess();
        var pull = (await CybernodeCli.RunAsync(["pull", target, "--json", "--store", workspace.Outside("pulled")], Token, environment)).EnsureSuccess();

        var digest = JsonDocument.Parse(push.StandardOutput).RootElement.GetProperty("digest").GetString()!;
        JsonDocument.Parse(pull.StandardOutput).RootElement.GetProperty("digest").GetString().ShouldBe(digest);
        var printed = push.StandardOutput + push.StandardError + pull.StandardOutput + pull.StandardError;
        AuthRegistry.Secrets(tokens).ShouldAllBe(secret => !printed.Contains(secret, StringComparison.Ordinal));
        return digest;
    }
}

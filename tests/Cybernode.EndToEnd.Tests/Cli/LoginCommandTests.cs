using System.Text;
using System.Text.Json.Nodes;
using Cybernode.EndToEnd.Tests.Infrastructure;
using Cybernode.Oci.Tests.Registry.Auth;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// `cybernode login` and `logout` against distribution 2.8 with htpasswd and token auth, writing
/// docker's config.json (or a docker-credential helper) as docker does, never showing the password.
/// </summary>
public sealed class LoginCommandTests : IDisposable
{
    private readonly TempFolder _home = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ConfigPath => _home.Combine("docker", "config.json");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Login_then_logout_round_trip_on_config_json_keeping_its_other_keys_and_mode_0600()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        Directory.CreateDirectory(_home.Combine("docker"));
        await File.WriteAllTextAsync(ConfigPath, """{"auths":{"other.example":{"auth":"eDp5"}},"psFormat":"table {{.ID}}"}""", Token);

        var login = await RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin"], AuthRegistry.Password + "\n");

        login.ExitCode.ShouldBe(0, login.StandardError);
        login.StandardOutput.ShouldBe("Login Succeeded\n");
        login.StandardError.ShouldContain("stored unencrypted in " + ConfigPath);
        ShouldNotShowSecrets(login);
        File.GetUnixFileMode(ConfigPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = await ReadConfigAsync();
        config["psFormat"]!.GetValue<string>().ShouldBe("table {{.ID}}");
        config["auths"]!["other.example"]!["auth"]!.GetValue<string>().ShouldBe("eDp5");
        Encoding.UTF8.GetString(Convert.FromBase64String(config["auths"]![registry.Host]!["auth"]!.GetValue<string>()))
            .ShouldBe($"{AuthRegistry.User}:{AuthRegistry.Password}");

        var logout = await RunAsync(["logout", registry.Host]);

        logout.ExitCode.ShouldBe(0, logout.StandardError);
        logout.StandardOutput.ShouldBe($"Removing login credentials for {registry.Host}\n");
        config = await ReadConfigAsync();
        config["auths"]!.AsObject().Select(pair => pair.Key).ShouldBe(["other.example"]);
        config["psFormat"]!.GetValue<string>().ShouldBe("table {{.ID}}");
        (await RunAsync(["logout", registry.Host])).StandardOutput.ShouldBe($"Not logged in to {registry.Host}\n");
    }

    [Fact]
    public async Task A_login_written_by_cybernode_is_read_by_skopeo()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        (await RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin"], AuthRegistry.Password)).EnsureSuccess();

        // skopeo answers 404 (no such repository) only past authentication; without the login it is 401.
        var skopeo = await ProcessRunner.RunAsync(
            "skopeo", ["list-tags", "--tls-verify=false", "--authfile", ConfigPath, $"docker://{registry.Host}/none/here"], cancellationToken: Token);
        skopeo.StandardError.ShouldNotContain("401");
        skopeo.StandardError.ShouldContain("404");
    }

    [Fact]
    public async Task A_wrong_password_is_one_line_naming_the_registry_exit_1_and_nothing_written()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        var wrong = AuthRegistry.Password + "-typo";

        var login = await RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin"], wrong);

        login.ExitCode.ShouldBe(1);
        login.StandardOutput.ShouldBeEmpty();
        login.StandardError.ShouldBe(
            $"cybernode: {registry.Host}: unauthorized: the registry refused the login of {AuthRegistry.User}\n"
            + $"hint: check the user name and password, then log in again: cybernode login {registry.Host}\n");
        login.StandardError.ShouldNotContain(wrong);
        File.Exists(ConfigPath).ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_registry_login_keeps_the_refresh_token_instead_of_the_password()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);

        var login = await RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin"], AuthRegistry.Password);

        login.ExitCode.ShouldBe(0, login.StandardError);
        ShouldNotShowSecrets(login, tokens);
        var entry = (await ReadConfigAsync())["auths"]![registry.Host]!;
        entry["identitytoken"]!.GetValue<string>().ShouldBe(tokens.RefreshToken);
        (await File.ReadAllTextAsync(ConfigPath, Token)).ShouldNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(AuthRegistry.Password))[..8]);
        tokens.Requests.ShouldContain(request => request.Contains("offline_token=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_creds_store_the_login_goes_to_the_docker_credential_helper_and_logout_erases_it()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        Directory.CreateDirectory(_home.Combine("docker"));
        const string Config = """{"credsStore":"test"}""";
        await File.WriteAllTextAsync(ConfigPath, Config, Token);
        var kept = _home.Combine("helper-store");
        var environment = CredentialHelperScript.Install(_home.Path, kept);

        (await RunAsync(["login", registry.Host, "-u", AuthRegistry.User, "--password-stdin"], AuthRegistry.Password, environment)).EnsureSuccess();

        var stored = JsonNode.Parse(await File.ReadAllTextAsync(CredentialHelperScript.FileOf(kept, registry.Host), Token))!;
        stored["ServerURL"]!.GetValue<string>().ShouldBe(registry.Host);
        stored["Username"]!.GetValue<string>().ShouldBe(AuthRegistry.User);
        stored["Secret"]!.GetValue<string>().ShouldBe(AuthRegistry.Password);
        (await File.ReadAllTextAsync(ConfigPath, Token)).ShouldBe(Config);

        var logout = await RunAsync(["logout", registry.Host], environment: environment);

        logout.StandardOutput.ShouldBe($"Removing login credentials for {registry.Host}\n");
        File.Exists(CredentialHelperScript.FileOf(kept, registry.Host)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_credential_helper_is_one_clear_error()
    {
        Directory.CreateDirectory(_home.Combine("docker"));
        await File.WriteAllTextAsync(ConfigPath, """{"credsStore":"nosuchhelper"}""", Token);

        var logout = await RunAsync(["logout", "127.0.0.1:1"]);

        logout.ExitCode.ShouldBe(1);
        logout.StandardError.ShouldStartWith("cybernode: docker-credential-nosuchhelper: no such credential helper on PATH\nhint: ");
    }

    [Fact]
    public async Task A_password_on_the_command_line_is_refused_without_echoing_it()
    {
        var login = await RunAsync(["login", "127.0.0.1:1", "-u", AuthRegistry.User, "-p", AuthRegistry.Password]);

        login.ExitCode.ShouldBe(2);
        login.StandardError.ShouldContain("--password on the command line is refused");
        login.StandardError.ShouldContain("--password-stdin");
        login.StandardError.ShouldNotContain(AuthRegistry.Password);
        File.Exists(ConfigPath).ShouldBeFalse();
    }

    [Fact]
    public async Task A_malformed_config_json_is_one_error_naming_the_file_and_line_without_its_content()
    {
        Directory.CreateDirectory(_home.Combine("docker"));
        await File.WriteAllTextAsync(ConfigPath, "{\n\"auths\": {\"x\": {\"auth\": \"c2VjcmV0\"}}, SECRETWORD\n}", Token);

        var logout = await RunAsync(["logout", "127.0.0.1:1"]);

        logout.ExitCode.ShouldBe(1);
        logout.StandardError.ShouldStartWith($"cybernode: {ConfigPath}:2: is not valid JSON\nhint: ");
        logout.StandardError.ShouldNotContain("SECRETWORD");
        logout.StandardError.ShouldNotContain("c2VjcmV0");
    }

    private Task<ProcessResult> RunAsync(string[] arguments, string? standardInput = null, Dictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["DOCKER_CONFIG"] = _home.Combine("docker"),
            ["HOME"] = _home.Path,
        };
        foreach (var (name, value) in environment ?? [])
        {
            variables[name] = value;
        }

        return CybernodeCli.RunAsync(arguments, new ProcessOptions { Environment = variables, StandardInput = standardInput ?? "" }, Token);
    }

    private async Task<JsonNode> ReadConfigAsync() => JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath, Token))!;

    private static void ShouldNotShowSecrets(ProcessResult result, TokenServer? tokens = null)
    {
        foreach (var secret in AuthRegistry.Secrets(tokens))
        {
            (result.StandardOutput + result.StandardError).ShouldNotContain(secret);
        }
    }
}

using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Registry.Auth;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry.Auth;

/// <summary>The auth handler against distribution 2.8 with htpasswd Basic auth and with Bearer tokens from a token service.</summary>
public sealed class RegistryAuthHandlerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Basic_login_from_config_json_is_sent_after_the_challenge()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        var config = await WriteConfigAsync(
            "{\"auths\":{\"http://" + registry.Host + "\":{\"auth\":\"" + Basic(AuthRegistry.User, AuthRegistry.Password) + "\"}},\"other\":1}");
        using var http = Client(new RegistryAuthHandler(new DockerCredentials(config)));

        using var response = await http.GetAsync($"http://{registry.Host}/v2/", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_access_to_a_basic_registry_is_one_error_saying_to_log_in()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        using var http = Client(new RegistryAuthHandler(new DockerCredentials(await WriteConfigAsync(""))));

        var error = await Should.ThrowAsync<RegistryException>(() => http.GetAsync($"http://{registry.Host}/v2/", Token));

        error.Message.ShouldBe($"{registry.Host}: unauthorized: the registry requires a login");
        error.Hint.ShouldContain($"cybernode login {registry.Host}");
    }

    [Fact]
    public async Task A_wrong_basic_password_names_the_registry_and_never_the_password()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        var wrong = AuthRegistry.Password + "-wrong";
        using var http = Client(Handler(new RegistryCredential(AuthRegistry.User, wrong)));

        var error = await Should.ThrowAsync<RegistryException>(() => http.GetAsync($"http://{registry.Host}/v2/", Token));

        error.Message.ShouldStartWith($"{registry.Host}: unauthorized: the registry refused the login of {AuthRegistry.User}");
        error.ToString().ShouldNotContain(wrong);
        error.ToString().ShouldNotContain(Basic(AuthRegistry.User, wrong));
    }

    [Fact]
    public async Task A_streamed_upload_is_authorized_before_it_is_sent_with_basic_auth()
    {
        await using var registry = await AuthRegistry.StartHtpasswdAsync(Token);
        using var http = Client(Handler(new RegistryCredential(AuthRegistry.User, AuthRegistry.Password)));

        await UploadStreamedAsync(http, registry.Host, "team/app");
    }

    [Fact]
    public async Task A_streamed_upload_is_authorized_before_it_is_sent_with_a_bearer_token()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        using var http = Client(Handler(new RegistryCredential(AuthRegistry.User, AuthRegistry.Password)));

        await UploadStreamedAsync(http, registry.Host, "team/app");

        tokens.Requests.ShouldContain(request => request.Contains("scope=repository:team/app:pull,push", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bearer_tokens_are_fetched_once_per_scope_and_again_when_expired()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        var clock = new ManualClock();
        using var http = Client(new RegistryAuthHandler((_, _) => Task.FromResult<RegistryCredential?>(new RegistryCredential(AuthRegistry.User, AuthRegistry.Password)), clock));

        await GetTagsAsync(http, registry.Host, "a");
        await GetTagsAsync(http, registry.Host, "a");
        await GetTagsAsync(http, registry.Host, "b");
        Fetches(tokens, "repository:a:pull").ShouldBe(1);
        Fetches(tokens, "repository:b:pull").ShouldBe(1);

        clock.Advance(TimeSpan.FromMinutes(10));
        await GetTagsAsync(http, registry.Host, "a");
        Fetches(tokens, "repository:a:pull").ShouldBe(2);
    }

    [Fact]
    public async Task A_token_the_registry_refuses_is_fetched_again_once()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        using var http = Client(Handler(new RegistryCredential(AuthRegistry.User, AuthRegistry.Password)));
        await GetTagsAsync(http, registry.Host, "a");

        // The next token is taken up front (the challenge is known) and refused by the registry.
        tokens.SignNextWithUnknownKey = true;
        await GetTagsAsync(http, registry.Host, "b");

        Fetches(tokens, "repository:b:pull").ShouldBe(2);
    }

    [Fact]
    public async Task A_wrong_password_for_the_token_service_names_the_registry_and_never_the_password()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        var wrong = "not-" + AuthRegistry.Password;
        using var http = Client(Handler(new RegistryCredential(AuthRegistry.User, wrong)));

        var error = await Should.ThrowAsync<RegistryException>(() => http.GetAsync($"http://{registry.Host}/v2/team/app/tags/list", Token));

        error.Message.ShouldBe($"{registry.Host}: unauthorized: the registry refused the login of {AuthRegistry.User}");
        error.ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task Anonymous_bearer_tokens_grant_nothing_here_and_say_so_with_the_scope()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        using var http = Client(Handler(null));

        var error = await Should.ThrowAsync<RegistryException>(() => http.GetAsync($"http://{registry.Host}/v2/team/app/tags/list", Token));

        error.Message.ShouldBe($"{registry.Host}: unauthorized: anonymous access does not grant repository:team/app:pull");
        tokens.Requests.ShouldAllBe(request => request.StartsWith("GET ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_offline_login_receives_a_refresh_token_which_is_then_traded_by_oauth_post()
    {
        await using var tokens = TokenServer.Start(AuthRegistry.User, AuthRegistry.Password);
        await using var registry = await AuthRegistry.StartTokenAsync(tokens, Token);
        var offline = new RegistryAuthHandler((_, _) => Task.FromResult<RegistryCredential?>(new RegistryCredential(AuthRegistry.User, AuthRegistry.Password)))
        {
            OfflineAccess = true,
        };
        using (var http = Client(offline))
        {
            (await http.GetAsync($"http://{registry.Host}/v2/", Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        offline.ReceivedRefreshToken.ShouldBe(tokens.RefreshToken);
        tokens.Requests.ShouldContain(request => request.Contains("offline_token=true", StringComparison.Ordinal));

        using var withIdentity = Client(Handler(new RegistryCredential(AuthRegistry.User, "", tokens.RefreshToken)));
        await GetTagsAsync(withIdentity, registry.Host, "a");
        tokens.Requests.ShouldContain("POST grant_type=refresh_token&scope=repository:a:pull");
    }

    [Fact]
    public async Task Basic_credentials_never_go_over_plain_http_to_another_host()
    {
        // No network: the inner handler answers the challenge and fails the test if credentials reach it.
        var handler = new RegistryAuthHandler((_, _) => Task.FromResult<RegistryCredential?>(new RegistryCredential("u", "p")))
        {
            InnerHandler = new ChallengingHandler("Basic realm=\"r\""),
        };
        using var invoker = new HttpMessageInvoker(handler);

        var error = await Should.ThrowAsync<RegistryException>(
            () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://registry.example:5000/v2/"), Token));

        error.Message.ShouldBe("registry.example:5000: refusing to send credentials over plain HTTP to registry.example:5000");
    }

    private static int Fetches(TokenServer tokens, string scope) =>
        tokens.Requests.Count(request => request.Contains("scope=" + scope, StringComparison.Ordinal) && !request.Contains("scope=" + scope + ",", StringComparison.Ordinal));

    private static async Task GetTagsAsync(HttpClient http, string host, string repository)
    {
        using var response = await http.GetAsync($"http://{host}/v2/{repository}/tags/list", Token);

        // An unknown repository is 404 NAME_UNKNOWN: past authentication, which is what counts here.
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync(Token));
    }

    // POST an upload session, then PUT the blob from a stream that can be read only once.
    private static async Task UploadStreamedAsync(HttpClient http, string host, string repository)
    {
        var blob = RandomNumberGenerator.GetBytes(4096);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));
        using var session = await http.PostAsync($"http://{host}/v2/{repository}/blobs/uploads/", null, Token);
        session.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = new Uri(new Uri($"http://{host}"), session.Headers.Location!);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(blob, Token);
        await pipe.Writer.CompleteAsync();
        using var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new("application/octet-stream");
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var put = await http.PutAsync($"{location}{separator}digest={digest}", content, Token);
        put.StatusCode.ShouldBe(HttpStatusCode.Created, await put.Content.ReadAsStringAsync(Token));

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"http://{host}/v2/{repository}/blobs/{digest}"), Token);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static RegistryAuthHandler Handler(RegistryCredential? credential) =>
        new((_, _) => Task.FromResult(credential));

    private static HttpClient Client(RegistryAuthHandler handler)
    {
        handler.InnerHandler ??= new SocketsHttpHandler();
        return new HttpClient(handler);
    }

    private static string Basic(string user, string password) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));

    private async Task<DockerConfigFile> WriteConfigAsync(string json)
    {
        var path = _folder.Combine("config.json");
        await File.WriteAllTextAsync(path, json, Token);
        return await DockerConfigFile.LoadAsync(path, Token);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    // What a remote registry answers to an anonymous request, without a network.
    private sealed class ChallengingHandler(string challenge) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is not null)
            {
                throw new InvalidOperationException("credentials reached the wire");
            }

            var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            response.Headers.TryAddWithoutValidation(AuthChallenge.HeaderName, challenge);
            return Task.FromResult(response);
        }
    }
}

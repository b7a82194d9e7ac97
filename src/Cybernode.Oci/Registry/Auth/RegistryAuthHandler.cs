using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// Authenticates a registry client's requests as docker does. A request goes out anonymous until a
/// registry answers 401; its challenge is then remembered, and every later request to that registry
/// carries Basic credentials or a Bearer token for the request's scope, fetched from the challenge's
/// token service and kept until it expires. A request whose body cannot be sent twice (a streamed
/// upload) is authorized before it is sent, after asking <c>GET /v2/</c> for the challenge.
/// </summary>
public sealed class RegistryAuthHandler : DelegatingHandler
{
    private static readonly TimeSpan TokenFetchTimeout = TimeSpan.FromSeconds(60);

    private readonly Func<string, CancellationToken, Task<RegistryCredential?>> _lookup;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Task<RegistryCredential?>> _credentials = new();

    // Per registry: its challenge, or null when its /v2/ answered without asking for one.
    private readonly ConcurrentDictionary<string, AuthChallenge?> _challenges = new();
    private readonly ConcurrentDictionary<string, Task<BearerToken>> _tokens = new();
    private TokenService? _tokenService;

    /// <param name="credentials">The login for a registry (host[:port]), or null for anonymous access.</param>
    public RegistryAuthHandler(Func<string, CancellationToken, Task<RegistryCredential?>> credentials, TimeProvider? clock = null)
    {
        _lookup = credentials;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Logins found in docker's config.json and its credential helpers.</summary>
    public RegistryAuthHandler(DockerCredentials credentials)
        : this(credentials.GetAsync)
    {
    }

    /// <summary>Ask token services for a refresh token too (docker's offline_token), as login does.</summary>
    public bool OfflineAccess { get; init; }

    /// <summary>The refresh token a token service gave under <see cref="OfflineAccess"/>, if any.</summary>
    public string? ReceivedRefreshToken { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("a registry request needs an absolute URI");
        var registry = uri.Authority;
        var scopes = AccessScope.Of(request.Method, uri);
        var replayable = request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;
        if (!replayable && !_challenges.ContainsKey(registry))
        {
            await DiscoverAsync(uri, cancellationToken);
        }

        var used = _challenges.TryGetValue(registry, out var known) && known is not null
            ? await AuthorizeAsync(request, registry, known, scopes, cancellationToken)
            : null;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || Supported(AuthChallenge.From(response)) is not { } challenge)
        {
            return response;
        }

        response.Dispose();
        var credential = await CredentialAsync(registry);
        if (!replayable || used is not null && challenge.IsBasic || challenge.IsBasic && credential is null)
        {
            throw Denied(registry, scopes, credential, challenge);
        }

        _challenges[registry] = challenge;
        if (used is not null)
        {
            // A token the registry no longer takes (expired early, revoked) is fetched anew, once.
            _tokens.TryRemove(used, out _);
        }

        var wanted = challenge["scope"]?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        await AuthorizeAsync(request, registry, challenge, [.. scopes.Union(wanted, StringComparer.Ordinal)], cancellationToken);
        response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw Denied(registry, scopes, credential, challenge);
        }

        return response;
    }

    // What the registry asks for, from its /v2/ base, before a body that can be sent only once.
    private async Task DiscoverAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var ping = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, "/v2/"));
        using var response = await base.SendAsync(ping, cancellationToken);
        _challenges[uri.Authority] = response.StatusCode == HttpStatusCode.Unauthorized ? Supported(AuthChallenge.From(response)) : null;
    }

    // Sets the request's Authorization for the challenge; returns the token cache key used, or null.
    private async Task<string?> AuthorizeAsync(
        HttpRequestMessage request, string registry, AuthChallenge challenge, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var credential = await CredentialAsync(registry);
        if (challenge.IsBasic)
        {
            if (credential is not null)
            {
                PlainHttp.RefuseSecrets(registry, request.RequestUri!);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicValue());
            }

            return null;
        }

        var key = string.Join('\n', [challenge["realm"], challenge["service"], .. scopes.Order(StringComparer.Ordinal)]);
        var token = await TokenAsync(key, registry, challenge, scopes, credential, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return key;
    }

    // One fetch per registry and scope at a time, shared by the parallel requests that need it.
    private async Task<BearerToken> TokenAsync(
        string key, string registry, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        while (true)
        {
            var fetch = _tokens.GetOrAdd(key, _ => FetchAsync(registry, challenge, scopes, credential));
            try
            {
                var token = await fetch.WaitAsync(cancellationToken);
                if (token.IsFresh(_clock))
                {
                    return token;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed fetch is not kept: the next request asks again.
                _tokens.TryRemove(new KeyValuePair<string, Task<BearerToken>>(key, fetch));
                throw;
            }

            _tokens.TryRemove(new KeyValuePair<string, Task<BearerToken>>(key, fetch));
        }
    }

    private async Task<BearerToken> FetchAsync(string registry, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredential? credential)
    {
        // Not tied to the first asker's cancellation: other requests wait for the same token.
        using var timeout = new CancellationTokenSource(TokenFetchTimeout);
        _tokenService ??= new TokenService(new HttpMessageInvoker(InnerHandler!, disposeHandler: false), _clock);
        var token = await _tokenService.FetchAsync(registry, challenge, scopes, credential, OfflineAccess, timeout.Token);
        if (token.RefreshToken is { } refresh)
        {
            ReceivedRefreshToken = refresh;
        }

        return token;
    }

    private Task<RegistryCredential?> CredentialAsync(string registry) =>
        _credentials.GetOrAdd(registry, name => _lookup(name, CancellationToken.None));

    private static AuthChallenge? Supported(IReadOnlyList<AuthChallenge> challenges) =>
        challenges.FirstOrDefault(c => c.IsBearer && c["realm"] is not null) ?? challenges.FirstOrDefault(c => c.IsBasic);

    private static RegistryException Denied(string registry, IReadOnlyList<string> scopes, RegistryCredential? credential, AuthChallenge challenge)
    {
        if (challenge.IsBasic || scopes.Count == 0)
        {
            return TokenService.Refused(registry, credential);
        }

        var who = credential is null ? "anonymous access" : $"the login of {credential.Username}";
        return new RegistryException(
            $"{registry}: unauthorized: {who} does not grant {string.Join(", ", scopes)}",
            credential is null ? $"log in first: cybernode login {registry}" : "check that this user may use that repository, or log in as another");
    }
}

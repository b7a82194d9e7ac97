using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// Asks the token service a Bearer challenge names (its realm) for an access token, as docker does:
/// GET with the user's Basic credentials (or none, for anonymous pulls), or an OAuth2 POST trading
/// the identity token when the login holds one.
/// </summary>
internal sealed class TokenService(HttpMessageInvoker http, TimeProvider clock)
{
    // Who asks, as OAuth2 wants it said; docker says "docker".
    private const string ClientId = "cybernode";

    // Tokens without expires_in live 60 s (the distribution token spec); a few seconds are kept in
    // hand so a token does not expire between being taken and reaching the registry.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private const int MaxAnswer = 1 << 20;

    public async Task<BearerToken> FetchAsync(
        string registry, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredential? credential, bool offline, CancellationToken cancellationToken)
    {
        var realm = Realm(registry, challenge);
        using var request = credential?.IdentityToken is { } identity
            ? OAuthRequest(registry, realm, challenge["service"], scopes, identity, offline)
            : BasicRequest(registry, realm, challenge["service"], scopes, credential, offline);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw Refused(registry, credential);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(
                $"{registry}: the token service at {realm.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}",
                "try again later; the registry's token service is failing");
        }

        return await ReadAsync(registry, response, cancellationToken);
    }

    public static RegistryException Refused(string registry, RegistryCredential? credential) => credential is null
        ? new RegistryException($"{registry}: unauthorized: the registry requires a login", $"log in first: cybernode login {registry}")
        : new RegistryException(
            $"{registry}: unauthorized: the registry refused the login of {credential.Username}",
            $"check the user name and password, then log in again: cybernode login {registry}");

    private static Uri Realm(string registry, AuthChallenge challenge)
    {
        var realm = challenge["realm"];
        return Uri.TryCreate(realm, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new RegistryException(
                $"{registry}: its Bearer challenge names no http(s) token service (realm \"{realm}\")",
                "the registry's auth configuration is broken; tell its operator");
    }

    private static HttpRequestMessage BasicRequest(
        string registry, Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential, bool offline)
    {
        var query = new List<string>();
        if (service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.AddRange(scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));
        if (credential is not null && offline)
        {
            // Asks for a refresh token too, which login keeps instead of the password.
            query.Add("offline_token=true");
            query.Add("client_id=" + ClientId);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, WithQuery(realm, query));
        if (credential is not null)
        {
            PlainHttp.RefuseSecrets(registry, realm);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.BasicValue());
        }

        return request;
    }

    private static HttpRequestMessage OAuthRequest(string registry, Uri realm, string? service, IReadOnlyList<string> scopes, string identityToken, bool offline)
    {
        PlainHttp.RefuseSecrets(registry, realm);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", identityToken),
            new("client_id", ClientId),
        };
        if (service is not null)
        {
            form.Add(new("service", service));
        }

        if (scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', scopes)));
        }

        if (offline)
        {
            form.Add(new("access_type", "offline"));
        }

        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private static Uri WithQuery(Uri realm, List<string> query)
    {
        var builder = new UriBuilder(realm);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', query.Prepend(existing).Where(part => part.Length > 0));
        return builder.Uri;
    }

    private async Task<BearerToken> ReadAsync(string registry, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var answer = new byte[MaxAnswer];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var length = await body.ReadAtLeastAsync(answer, answer.Length, throwOnEndOfStream: false, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(answer.AsMemory(0, length));
            var root = document.RootElement;
            var token = Text(root, "token") ?? Text(root, "access_token")
                ?? throw new JsonException("no token");
            var lifetime = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var value) && value > 0
                ? TimeSpan.FromSeconds(Math.Max(value, DefaultLifetime.TotalSeconds))
                : DefaultLifetime;
            // Counted from its arrival on this clock, not the service's issued_at: the clocks may disagree.
            return new BearerToken(token, clock.GetUtcNow() + lifetime - Margin, Text(root, "refresh_token"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Nothing of the answer is quoted: it may hold a token.
            throw new RegistryException(
                $"{registry}: the token service answered without a token (not a JSON object with token or access_token)",
                "the registry's auth configuration is broken; tell its operator");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Cybernode.Oci.Tests.Registry.Auth;

/// <summary>
/// A token service for distribution's <c>auth: token</c>, on 127.0.0.1: it checks Basic credentials
/// (or a refresh token in an OAuth2 POST) and answers ES256 JWTs granting the scopes asked for, their
/// header carrying the signing certificate in <c>x5c</c>, which the registry checks against
/// <see cref="CertificatePem"/> (its <c>rootcertbundle</c>). Anonymous requests get tokens granting nothing.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "cybernode-test-registry";
    public const string Issuer = "cybernode-test-issuer";

    private readonly HttpListener _listener = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly Task _serving;

    private TokenServer(string user, string password, int port)
    {
        User = user;
        Password = password;
        Port = port;
        var request = new CertificateRequest("CN=cybernode test token issuer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public string User { get; }

    public string Password { get; }

    public int Port { get; }

    public string Realm => $"http://127.0.0.1:{Port}/token";

    /// <summary>The refresh token handed out for offline_token=true, and taken back in OAuth2 POSTs.</summary>
    public string RefreshToken { get; } = "refresh-" + Guid.NewGuid().ToString("N");

    /// <summary>How long the JWTs it signs are valid; expires_in in its answers always says 300 s.</summary>
    public TimeSpan JwtLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The next token is signed with a key the registry does not know, so the registry refuses it.</summary>
    public bool SignNextWithUnknownKey { get; set; }

    /// <summary>Every request, as "GET scope=...&amp;..." or "POST grant_type=..." with secrets left out.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every access token it answered with, to check none shows up where it must not.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public string CertificatePem => _certificate.ExportCertificatePem();

    public static TokenServer Start(string user, string password) => new(user, password, FreePort());

    /// <summary>The registry's <c>auth:</c> section for this service, with the certificate written to <paramref name="bundlePath"/>.</summary>
    public string AuthYaml(string bundlePath)
    {
        File.WriteAllText(bundlePath, CertificatePem);
        return $"auth:\n  token:\n    realm: {Realm}\n    service: {Service}\n    issuer: {Issuer}\n    rootcertbundle: {bundlePath}\n";
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }

        _certificate.Dispose();
        _key.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        string? subject;
        List<string> scopes;
        var offline = false;
        if (request.HttpMethod == "POST")
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var form = Parse(await reader.ReadToEndAsync());
            Requests.Enqueue($"POST grant_type={Single(form, "grant_type")}&scope={Single(form, "scope")}");
            subject = Single(form, "grant_type") == "refresh_token" && Single(form, "refresh_token") == RefreshToken ? User : null;
            scopes = [.. (Single(form, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            if (subject is null)
            {
                await RespondAsync(response, 401, """{"error":"invalid_grant"}""");
                return;
            }
        }
        else
        {
            var query = Parse(request.Url!.Query.TrimStart('?'));
            Requests.Enqueue($"GET {string.Join('&', query.Select(pair => $"{pair.Key}={pair.Value}"))}");
            scopes = [.. query.Where(pair => pair.Key == "scope").Select(pair => pair.Value)];
            offline = Single(query, "offline_token") == "true";
            var basic = request.Headers["Authorization"];
            subject = basic is null ? "" : Decode(basic);
            if (subject is null)
            {
                await RespondAsync(response, 401, """{"errors":[{"code":"UNAUTHORIZED","message":"wrong user or password"}]}""");
                return;
            }
        }

        var token = Sign(subject, subject.Length > 0 ? scopes : []);
        IssuedTokens.Enqueue(token);
        var answer = new JsonObject
        {
            ["token"] = token,
            ["access_token"] = token,
            ["expires_in"] = 300,
            ["issued_at"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        if (offline && subject.Length > 0)
        {
            answer["refresh_token"] = RefreshToken;
        }

        await RespondAsync(response, 200, answer.ToJsonString());
    }

    // The user's name for right credentials, null for wrong ones.
    private string? Decode(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..]));
        return pair == $"{User}:{Password}" ? User : null;
    }

    private string Sign(string subject, List<string> scopes)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)),
        };
        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            // repository:NAME:ACTIONS, where NAME may hold a port-less path but no colon.
            var parts = scope.Split(':');
            access.Add(new JsonObject
            {
                ["type"] = parts[0],
                ["name"] = string.Join(':', parts[1..^1]),
                ["actions"] = new JsonArray([.. parts[^1].Split(',').Select(action => (JsonNode)action)]),
            });
        }

        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + (long)JwtLifetime.TotalSeconds,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        using var unknown = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = SignNextWithUnknownKey ? unknown : _key;
        SignNextWithUnknownKey = false;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signed}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static List<KeyValuePair<string, string>> Parse(string text) =>
        [.. text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new KeyValuePair<string, string>(pair, "")
                : new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..equals].Replace('+', ' ')), Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')));
        })];

    private static string? Single(List<KeyValuePair<string, string>> pairs, string name) =>
        pairs.FirstOrDefault(pair => pair.Key == name).Value;

    private static async Task RespondAsync(HttpListenerResponse response, int status, string json)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}

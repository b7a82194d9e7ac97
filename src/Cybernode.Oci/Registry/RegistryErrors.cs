using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Polly.Timeout;

namespace Cybernode.Oci.Registry;

/// <summary>
/// Turns what a registry answered (or how the connection failed) into one line a user can act on.
/// The registry's own error code and message (distribution's <c>{"errors":[...]}</c>) are quoted, cut
/// short and stripped of control characters; request headers, where credentials live, never are.
/// </summary>
internal static class RegistryErrors
{
    private const int MaxBodyRead = 16 * 1024;
    private const int MaxDetail = 200;

    public static async Task<RegistryException> FromResponseAsync(HttpResponseMessage response, string what, RegistryEndpoint endpoint, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = await DetailAsync(response, cancellationToken);
        var (message, hint) = status switch
        {
            401 => ($"{what}: {endpoint} asks for credentials (401 unauthorized{detail})", $"log in to the registry (cybernode login {endpoint.Host}) or check the credentials in $DOCKER_CONFIG/config.json"),
            403 => ($"{what}: {endpoint} denied access (403 forbidden{detail})", "the account in use may not do this in that repository"),
            404 => ($"{what}: not found on {endpoint} (404{detail})", "check the repository name and the tag or digest"),
            415 => ($"{what}: {endpoint} does not accept this media type (415 unsupported media type{detail})", "the registry may not support OCI images; try one that does"),
            429 => ($"{what}: {endpoint} kept answering 429 too many requests{detail}", "wait and try again, or lower the number of parallel requests"),
            >= 500 => ($"{what}: {endpoint} failed with {status} {response.ReasonPhrase}{detail}", "the registry has a problem; try again later"),
            _ => ($"{what}: {endpoint} answered {status} {response.ReasonPhrase}{detail}", "see the registry's message"),
        };
        return new RegistryException(message, hint) { Status = status };
    }

    /// <summary>A failure below HTTP (no answer, TLS, reset, timeout) as one line; null when it is not one.</summary>
    public static RegistryException? FromException(Exception error, string what, RegistryEndpoint endpoint) => error switch
    {
        TransientStatusException transient => new RegistryException(transient.Message, "the registry has a problem; try again later") { Status = transient.Status },
        TimeoutRejectedException => new RegistryException($"{what}: {endpoint} did not answer in time, even after retries", "check the network, or try again"),
        HttpRequestException { InnerException: AuthenticationException tls } => new RegistryException(
            $"{what}: TLS with {endpoint} failed: {Line(tls.InnerException?.Message ?? tls.Message)}",
            endpoint.IsPlainHttp ? "check the address" : $"the registry's certificate is not trusted here; if it serves plain HTTP, list {endpoint.Host} under insecure_registries in cybernode.yaml or pass --tls-verify=false"),
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => new RegistryException(
            $"{what}: cannot connect to {endpoint}: connection refused",
            "is the registry running at that address and port?"),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => new RegistryException(
            $"{what}: cannot resolve the registry host {endpoint}",
            "check the registry name in the reference"),
        HttpRequestException http => new RegistryException($"{what}: talking to {endpoint} failed: {Line(http.Message)}", "check the network, or try again", http),
        HttpIOException or IOException { InnerException: SocketException } => new RegistryException($"{what}: the connection to {endpoint} broke: {Line(error.Message)}", "check the network, or try again", error),
        _ => null,
    };

    /// <summary>Failures the next attempt may not meet: a reset, a timeout, a busy or failing registry; not a refusal or a TLS error.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        TransientStatusException or TimeoutRejectedException => true,
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => false,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => false,
        HttpRequestException or HttpIOException => true,
        IOException { InnerException: SocketException } => true,
        _ => false,
    };

    /// <summary>A status the next attempt may not meet: 429, 408 and 5xx except 501 (not implemented stays so).</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    public static string Line(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxDetail));
        foreach (var c in text)
        {
            if (builder.Length >= MaxDetail)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxBodyRead];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, read));
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
            {
                return "";
            }

            var first = errors[0];
            var code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var text = string.Join(": ", new[] { code, message }.Where(s => !string.IsNullOrEmpty(s)));
            return text.Length == 0 ? "" : $": {Line(text)}";
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            // The body is only a detail; a registry that sends none, or no JSON, still gets its status reported.
            return "";
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// A reverse proxy on 127.0.0.1 in front of a real registry that passes every request through but
/// answers every <c>PUT /v2/REPOSITORY/manifests/TAG</c> of one repository and tag with 500, the way
/// a registry that keeps failing one tag would. It counts those refused puts.
/// </summary>
public sealed class FailingTagProxy : IAsyncDisposable
{
    // Hop-by-hop headers and those HttpClient sets itself are not copied.
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Content-Length", "Keep-Alive",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly string _registry;
    private readonly string _failingPath;
    private readonly Task _serving;
    private int _refused;

    public FailingTagProxy(string registryHost, string repository, string tag)
    {
        _registry = registryHost;
        _failingPath = $"/v2/{repository}/manifests/{tag}";
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>"127.0.0.1:PORT", the host to give cybernode instead of the registry's.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public int Port { get; }

    /// <summary>How many times the failing tag was put and refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
        _upstream.Dispose();
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (request.HttpMethod == "PUT" && request.Url!.AbsolutePath == _failingPath)
            {
                Interlocked.Increment(ref _refused);
                await request.InputStream.CopyToAsync(Stream.Null);
                response.StatusCode = 500;
                return;
            }

            using var forwarded = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://{_registry}{request.Url!.PathAndQuery}");
            if (request.HasEntityBody)
            {
                forwarded.Content = new StreamContent(request.InputStream);
                if (request.ContentLength64 >= 0)
                {
                    forwarded.Content.Headers.ContentLength = request.ContentLength64;
                }
            }

            foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !SkippedHeaders.Contains(n)))
            {
                var values = request.Headers.GetValues(name) ?? [];
                if (!forwarded.Headers.TryAddWithoutValidation(name, values))
                {
                    forwarded.Content?.Headers.TryAddWithoutValidation(name, values);
                }
            }

            // The registry writes upload locations from the Host it was asked for: they must point back here.
            forwarded.Headers.Host = Host;
            using var answer = await _upstream.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !SkippedHeaders.Contains(h.Key)))
            {
                foreach (var value in values)
                {
                    response.AppendHeader(name, value);
                }
            }

            if (answer.Content.Headers.ContentLength is { } length)
            {
                response.ContentLength64 = length;
            }

            if (request.HttpMethod != "HEAD")
            {
                await answer.Content.CopyToAsync(response.OutputStream);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or HttpListenerException)
        {
            response.StatusCode = 502;
        }
        finally
        {
            response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

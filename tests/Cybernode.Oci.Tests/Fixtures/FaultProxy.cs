using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cybernode.Oci.Tests.Fixtures;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of a real registry that breaks chosen exchanges the way
/// networks and busy registries do: a flipped byte, 429 with Retry-After, 503, a body cut short, an
/// answer lost after the registry acted, an OCI-Chunk-Min-Length header distribution 2.8 never sends.
/// Each fault applies to requests matching a method and a path fragment, a given number of times.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly string upstreamHost;
    private readonly List<Fault> faults = [];
    private readonly Task loop;

    private FaultProxy(string upstreamHost, int port)
    {
        this.upstreamHost = upstreamHost;
        Port = port;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public enum Kind
    {
        /// <summary>The body's middle byte is changed.</summary>
        FlipByte,

        /// <summary>429 with Retry-After: 1, the registry not asked.</summary>
        TooManyRequests,

        /// <summary>503, the registry not asked.</summary>
        Unavailable,

        /// <summary>Half the body, then the connection is dropped.</summary>
        CutShort,

        /// <summary>The registry acts on the request, the client gets a 503 instead of its answer.</summary>
        LoseAnswer,

        /// <summary>403 denied, the registry not asked.</summary>
        Forbidden,

        /// <summary>415 unsupported media type, the registry not asked.</summary>
        UnsupportedMediaType,
    }

    /// <summary>"127.0.0.1:PORT", to use in place of the registry's host.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public int Port { get; }

    /// <summary>Every request seen, as "METHOD /path?query", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Content-Length of each PATCH (chunk) forwarded.</summary>
    public ConcurrentQueue<long> PatchLengths { get; } = new();

    /// <summary>Added to every answer that starts an upload, when set.</summary>
    public long? ChunkMinLength { get; set; }

    public static FaultProxy Start(string upstreamHost)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FaultProxy(upstreamHost, FreePort());
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the check and the bind.
            }
        }
    }

    /// <summary>Breaks the next <paramref name="times"/> requests whose method is <paramref name="method"/> and whose path contains <paramref name="pathPart"/>.</summary>
    public void Add(Kind kind, string method, string pathPart, int times = 1)
    {
        lock (faults)
        {
            faults.Add(new Fault(kind, method, pathPart, times));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: Stop then Close makes the managed listener look its port up again, and that
        // port may already serve another test.
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop this way.
        }

        upstream.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private Fault? Take(HttpListenerRequest request)
    {
        lock (faults)
        {
            var fault = faults.FirstOrDefault(f => f.Times > 0 && f.Method == request.HttpMethod && request.Url!.PathAndQuery.Contains(f.PathPart, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Times--;
            }

            return fault;
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        Requests.Enqueue($"{request.HttpMethod} {request.Url!.PathAndQuery}");
        try
        {
            var fault = Take(request);
            switch (fault?.Kind)
            {
                case Kind.TooManyRequests:
                    response.StatusCode = 429;
                    response.AddHeader("Retry-After", "1");
                    response.Close();
                    return;
                case Kind.Unavailable:
                    response.StatusCode = 503;
                    response.Close();
                    return;
                case Kind.Forbidden:
                    await WriteErrorAsync(response, 403, "DENIED", "requested access to the resource is denied");
                    return;
                case Kind.UnsupportedMediaType:
                    await WriteErrorAsync(response, 415, "MANIFEST_INVALID", "manifest invalid");
                    return;
            }

            using var forwarded = await ForwardAsync(request);
            if (fault?.Kind == Kind.LoseAnswer)
            {
                response.StatusCode = 503;
                response.Close();
                return;
            }

            await RelayAsync(forwarded, response, fault?.Kind);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            response.Abort();
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpListenerRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://{upstreamHost}{request.Url!.PathAndQuery}");
        if (request.HasEntityBody || request.ContentLength64 > 0)
        {
            var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            body.Position = 0;
            message.Content = new StreamContent(body);
            if (request.HttpMethod == "PATCH")
            {
                PatchLengths.Enqueue(body.Length);
            }
        }

        foreach (var name in request.Headers.AllKeys.OfType<string>())
        {
            if (name is "Host" or "Content-Length" or "Connection" or "Transfer-Encoding")
            {
                continue;
            }

            var value = request.Headers[name]!;
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        // The registry writes upload Locations from the Host it was asked by: make that the proxy.
        message.Headers.Host = Host;
        return await upstream.SendAsync(message, HttpCompletionOption.ResponseContentRead);
    }

    private async Task RelayAsync(HttpResponseMessage forwarded, HttpListenerResponse response, Kind? fault)
    {
        response.StatusCode = (int)forwarded.StatusCode;
        foreach (var (name, values) in forwarded.Headers.Concat(forwarded.Content.Headers))
        {
            if (name is "Content-Length" or "Transfer-Encoding" or "Connection")
            {
                continue;
            }

            response.AddHeader(name, string.Join(",", values));
        }

        if (ChunkMinLength is { } minimum && forwarded.StatusCode == HttpStatusCode.Accepted && forwarded.RequestMessage!.Method == HttpMethod.Post)
        {
            response.AddHeader("OCI-Chunk-Min-Length", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var body = await forwarded.Content.ReadAsByteArrayAsync();
        response.ContentLength64 = forwarded.RequestMessage!.Method == HttpMethod.Head ? forwarded.Content.Headers.ContentLength ?? 0 : body.Length;
        if (fault == Kind.FlipByte && body.Length > 0)
        {
            body[body.Length / 2] ^= 0xff;
        }

        if (fault == Kind.CutShort)
        {
            await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }

        if (forwarded.RequestMessage!.Method != HttpMethod.Head)
        {
            await response.OutputStream.WriteAsync(body);
        }

        response.Close();
    }

    private static async Task WriteErrorAsync(HttpListenerResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\"}}]}}");
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private sealed class Fault(Kind kind, string method, string pathPart, int times)
    {
        public Kind Kind { get; } = kind;

        public string Method { get; } = method;

        public string PathPart { get; } = pathPart;

        public int Times { get; set; } = times;
    }
}

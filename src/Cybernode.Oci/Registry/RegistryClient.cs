using System.Net;
using System.Net.Http.Headers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Registry;

/// <summary>
/// The OCI distribution API of one registry (host and scheme): manifests, blobs, uploads and
/// cross-repository mounts. Requests go through <see cref="RegistryClientOptions.Authentication"/>
/// when set (anonymous otherwise); steps safe to repeat are retried (<see cref="RegistryRetry"/>);
/// at most <see cref="RegistryClientOptions.MaxParallelRequests"/> connections are open at once, so
/// that many requests (a blob's body included) run in parallel and the rest wait.
/// Every failure is a <see cref="RegistryException"/> or, for content that disagrees with its
/// digest, an <see cref="OciFormatException"/>.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    /// <summary>The registry's minimum PATCH size for a chunked upload (OCI distribution 1.1).</summary>
    public const string ChunkMinLengthHeader = "OCI-Chunk-Min-Length";

    private const string ContentDigestHeader = "Docker-Content-Digest";

    private static readonly string[] ManifestMediaTypes =
        [MediaTypes.ImageManifest, MediaTypes.ImageIndex, MediaTypes.DockerManifest, MediaTypes.DockerManifestList];

    private readonly HttpClient http;
    private readonly RegistryRetry retry;

    public RegistryClient(RegistryEndpoint endpoint, RegistryClientOptions options, HttpMessageHandler? network = null)
    {
        Endpoint = endpoint;
        Options = options;
        retry = new RegistryRetry(options);
        Ledger = new BlobLedger(endpoint.Host, options.BlobLocations);
        network ??= new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = Math.Max(options.MaxParallelRequests, 1),
            AutomaticDecompression = DecompressionMethods.None,
            // A registry may redirect blob reads to storage elsewhere; credentials are never forwarded there by HttpClient.
            AllowAutoRedirect = true,
        };
        http = new HttpClient(options.Authentication?.Invoke(endpoint, network) ?? network)
        {
            BaseAddress = endpoint.BaseAddress,
            // Each step gets its own timeout, sized to what it moves (RegistryRetry).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("cybernode", "1"));
    }

    public RegistryEndpoint Endpoint { get; }

    public RegistryClientOptions Options { get; }

    /// <summary>Where this registry's blobs are known to be, for mounts and for pushing each blob once.</summary>
    public BlobLedger Ledger { get; }

    /// <summary>GET /v2/: the registry speaks the distribution API (and the credentials, if any, are accepted).</summary>
    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync("checking the registry", 0, async (_, token) =>
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "v2/"), token);
            await RequireSuccessAsync(response, "checking the registry", token);
            return true;
        }, cancellationToken);

    /// <summary>Fetches a manifest or index by tag or digest, verified against the digest it was asked by (or that the registry names).</summary>
    public Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var what = $"reading manifest {Endpoint}/{repository}{Separator(reference)}{reference}";
        return RunAsync(what, OciLimits.MaxDocumentSize, async (_, token) =>
        {
            using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, repository, reference), token);
            await RequireSuccessAsync(response, what, token);
            var bytes = await ReadDocumentAsync(response, what, token);
            var digest = Digest.Compute(bytes);
            RequireDigest(what, digest, reference, response);
            var mediaType = ManifestMediaType(response, bytes, what);
            return new RegistryManifest(new Descriptor(mediaType, digest, bytes.Length), bytes);
        }, cancellationToken);
    }

    /// <summary>HEAD of a manifest: its descriptor when the registry has it, null when it answers 404.</summary>
    public Task<Descriptor?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var what = $"looking up {Endpoint}/{repository}{Separator(reference)}{reference}";
        return RunAsync(what, 0, async (_, token) =>
        {
            using var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, repository, reference), token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await RequireSuccessAsync(response, what, token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var length = response.Content.Headers.ContentLength;
            if (!Digest.TryParse(Header(response, ContentDigestHeader), out var digest) || length is null || mediaType is null || !ManifestMediaTypes.Contains(mediaType))
            {
                // Not every registry describes a manifest in a HEAD answer; a GET always can.
                return (await GetManifestAsync(repository, reference, token)).Descriptor;
            }

            return (Descriptor?)new Descriptor(mediaType, digest, length.Value);
        }, cancellationToken);
    }

    /// <summary>PUT of a manifest or index with its exact bytes, under a tag or its digest. The registry must record the same digest.</summary>
    public Task PutManifestAsync(string repository, string reference, string mediaType, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var what = $"putting manifest {Endpoint}/{repository}{Separator(reference)}{reference}";
        var digest = Digest.Compute(bytes.Span);
        return RunAsync(what, bytes.Length, async (_, token) =>
        {
            using var response = await SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, ManifestPath(repository, reference)) { Content = new ReadOnlyMemoryContent(bytes) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                    return request;
                },
                token);
            await RequireSuccessAsync(response, what, token);
            if (Digest.TryParse(Header(response, ContentDigestHeader), out var recorded) && recorded != digest)
            {
                throw new RegistryException($"{what}: {Endpoint} recorded digest {recorded} for a manifest whose digest is {digest}", "the registry changed the manifest; it cannot hold this image unchanged");
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>HEAD of a blob: its size when the repository has it, null when not.</summary>
    public Task<long?> HeadBlobAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var what = $"looking up blob {digest} in {Endpoint}/{repository}";
        return RunAsync(what, 0, async (_, token) => await HeadBlobOnceAsync(repository, digest, what, token), cancellationToken);
    }

    /// <summary>
    /// Opens a blob's content. The stream refuses bytes that disagree with <paramref name="descriptor"/>
    /// (size or digest) as they arrive. Only the request is retried: for a retried read of the whole
    /// body use <see cref="ReadBlobAsync"/>.
    /// </summary>
    public Task<Stream> OpenBlobAsync(string repository, Descriptor descriptor, CancellationToken cancellationToken)
    {
        var what = $"reading blob {descriptor.Digest} from {Endpoint}/{repository}";
        return RunAsync(what, 0, (_, token) => OpenBlobOnceAsync(repository, descriptor, what, token), cancellationToken);
    }

    /// <summary>
    /// Streams a blob into <paramref name="consume"/> (verified as it arrives), repeating the whole
    /// step on a transient failure such as a body cut short: the consumer must start over each time,
    /// as a store upload that is dropped unless committed does.
    /// </summary>
    public Task ReadBlobAsync(string repository, Descriptor descriptor, Func<Stream, CancellationToken, Task> consume, CancellationToken cancellationToken)
    {
        var what = $"reading blob {descriptor.Digest} from {Endpoint}/{repository}";
        return RunAsync(what, descriptor.Size, async (_, token) =>
        {
            await using var stream = await OpenBlobOnceAsync(repository, descriptor, what, token);
            await consume(stream, token);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Asks the registry to link a blob it holds in <paramref name="fromRepository"/> into
    /// <paramref name="repository"/>. True when it did (201); false when it started an upload instead (202).
    /// </summary>
    public Task<bool> MountBlobAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken)
    {
        var what = $"mounting blob {digest} from {fromRepository} into {Endpoint}/{repository}";
        var path = $"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}";
        return RunAsync(what, 0, async (_, token) =>
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path), token);
            await RequireSuccessAsync(response, what, token);
            // A 202 opened an upload session the registry drops when it expires; a fresh one is cheaper
            // than tracking it through retries.
            return response.StatusCode == HttpStatusCode.Created;
        }, cancellationToken);
    }

    /// <summary>
    /// Uploads a blob: POST, then one PUT with the whole content, or PATCHes of at least the
    /// registry's <c>OCI-Chunk-Min-Length</c> when it asks for chunks. Repeated as a whole on a
    /// transient failure, each repeat first asking (HEAD) whether the last commit arrived after all.
    /// <paramref name="open"/> is called once per attempt and must give the blob's bytes.
    /// </summary>
    public Task UploadBlobAsync(string repository, Descriptor descriptor, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        var what = $"uploading blob {descriptor.Digest} to {Endpoint}/{repository}";
        return RunAsync(what, descriptor.Size, async (attempt, token) =>
        {
            if (attempt > 0 && await HeadBlobOnceAsync(repository, descriptor.Digest, what, token) == descriptor.Size)
            {
                return true;
            }

            using var started = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"v2/{repository}/blobs/uploads/"), token);
            await RequireSuccessAsync(started, what, token);
            var location = UploadLocation(started, what);
            await using var content = await open(token);
            if (long.TryParse(Header(started, ChunkMinLengthHeader), out var minimum) && minimum > 0)
            {
                await UploadChunkedAsync(location, descriptor, content, Math.Max(minimum, Options.ChunkSize), what, token);
            }
            else
            {
                await CommitAsync(location, descriptor.Digest, new StreamContent(new ChunkStream(content, descriptor.Size)), descriptor.Size, what, token);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a composite step (a blob read into a store, say) with this registry's retries and a
    /// timeout sized to <paramref name="bytes"/>; failures become one-line <see cref="RegistryException"/>s.
    /// </summary>
    public async Task<T> RunAsync<T>(string what, long bytes, Func<int, CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await retry.RunAsync(bytes, step, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && RegistryErrors.FromException(e, what, Endpoint) is { } error)
        {
            throw error;
        }
    }

    public void Dispose() => http.Dispose();

    private async Task UploadChunkedAsync(Uri location, Descriptor descriptor, Stream content, long chunkSize, string what, CancellationToken cancellationToken)
    {
        long sent = 0;
        while (sent < descriptor.Size)
        {
            var length = Math.Min(chunkSize, descriptor.Size - sent);
            var chunk = new StreamContent(new ChunkStream(content, length));
            chunk.Headers.ContentLength = length;
            chunk.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            // Content-Range here is the distribution API's START-END, not RFC 9110's "bytes START-END/TOTAL".
            chunk.Headers.TryAddWithoutValidation("Content-Range", $"{sent}-{sent + length - 1}");
            var target = location;
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Patch, target) { Content = chunk }, cancellationToken);
            await RequireSuccessAsync(response, what, cancellationToken);
            location = UploadLocation(response, what);
            sent += length;
        }

        await CommitAsync(location, descriptor.Digest, new ByteArrayContent([]), 0, what, cancellationToken);
    }

    /// <summary>The PUT that ends an upload, with the rest of the content (all of it, or none after PATCHes).</summary>
    private async Task CommitAsync(Uri location, Digest digest, HttpContent content, long length, string what, CancellationToken cancellationToken)
    {
        content.Headers.ContentLength = length;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        var target = new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, target) { Content = content }, cancellationToken);
        await RequireSuccessAsync(response, what, cancellationToken);
    }

    private async Task<Stream> OpenBlobOnceAsync(string repository, Descriptor descriptor, string what, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/blobs/{descriptor.Digest}"), cancellationToken);
        try
        {
            await RequireSuccessAsync(response, what, cancellationToken);
            if (response.Content.Headers.ContentLength is { } length && length != descriptor.Size)
            {
                throw new OciFormatException($"blob {descriptor.Digest} in {Endpoint}/{repository} is {length} bytes but its descriptor says {descriptor.Size}");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new VerifiedBlobStream(new ResponseStream(body, response), descriptor, $"{Endpoint}/{repository}");
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<long?> HeadBlobOnceAsync(string repository, Digest digest, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/blobs/{digest}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await RequireSuccessAsync(response, what, cancellationToken);
        return response.Content.Headers.ContentLength;
    }

    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken) =>
        http.SendAsync(request(), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Success passes; 429 and 5xx become a <see cref="TransientStatusException"/> for the retry; the rest a <see cref="RegistryException"/>.</summary>
    private async Task RequireSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await RegistryErrors.FromResponseAsync(response, what, Endpoint, cancellationToken);
        if (RegistryErrors.IsTransient(response.StatusCode))
        {
            throw new TransientStatusException(error.Message, (int)response.StatusCode, RetryAfter(response));
        }

        throw error;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, ManifestPath(repository, reference));
        foreach (var type in ManifestMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private static string ManifestPath(string repository, string reference) => $"v2/{repository}/manifests/{reference}";

    private static string Separator(string reference) => Digest.TryParse(reference, out _) ? "@" : ":";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private Uri UploadLocation(HttpResponseMessage response, string what) =>
        response.Headers.Location is { } location
            ? new Uri(Endpoint.BaseAddress, location)
            : throw new RegistryException($"{what}: {Endpoint} answered {(int)response.StatusCode} without the upload's Location", "the registry does not follow the distribution API");

    private void RequireDigest(string what, Digest digest, string reference, HttpResponseMessage response)
    {
        var expected = Digest.TryParse(reference, out var asked) ? asked : Digest.TryParse(Header(response, ContentDigestHeader), out var named) ? named : null;
        if (expected is not null && expected != digest)
        {
            throw new OciFormatException($"{what}: the registry sent a manifest whose digest is {digest}, not {expected}");
        }
    }

    private static async Task<byte[]> ReadDocumentAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > OciLimits.MaxDocumentSize)
        {
            throw new OciFormatException($"{what}: the manifest is {response.Content.Headers.ContentLength} bytes, more than the {OciLimits.MaxDocumentSize} a manifest may have");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[OciLimits.MaxDocumentSize + 1];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read > OciLimits.MaxDocumentSize)
        {
            throw new OciFormatException($"{what}: the manifest is more than the {OciLimits.MaxDocumentSize} bytes a manifest may have");
        }

        return buffer[..read];
    }

    /// <summary>The Content-Type when it names a manifest or index; else the document's own mediaType (some registries send application/json).</summary>
    private string ManifestMediaType(HttpResponseMessage response, byte[] bytes, string what)
    {
        var declared = response.Content.Headers.ContentType?.MediaType;
        if (declared is not null && ManifestMediaTypes.Contains(declared))
        {
            return declared;
        }

        var inner = ManifestDocument.MediaTypeOf(bytes);
        return inner is not null && ManifestMediaTypes.Contains(inner)
            ? inner
            : throw new RegistryException(
                $"{what}: {Endpoint} sent a '{RegistryErrors.Line(declared ?? inner ?? "unnamed")}' document, which is not an OCI or Docker schema 2 manifest or index",
                "only OCI and Docker schema 2 images can be pulled; the image may be in the old schema 1 format");
    }
}

namespace Cybernode.Oci.Registry;

/// <summary>How registry clients connect: which hosts may use plain HTTP, how requests are authenticated, how much runs at once.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Hosts (HOST[:PORT]) reached over plain HTTP although they are not loopback.</summary>
    public IReadOnlySet<string> InsecureHosts { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The slot for authentication: given the handler that talks to the network, returns the handler
    /// the client sends through (a DelegatingHandler answering Basic/Bearer challenges). Null: anonymous.
    /// Called once per registry host.
    /// </summary>
    public Func<RegistryEndpoint, HttpMessageHandler, HttpMessageHandler>? Authentication { get; init; }

    /// <summary>Where blobs were seen in earlier runs, for mounts across runs; saved when the <see cref="Registries"/> are disposed. Null: this run only.</summary>
    public BlobLocationCache? BlobLocations { get; init; }

    /// <summary>Blob transfers (and other requests) in flight at once to one registry.</summary>
    public int MaxParallelRequests { get; init; } = 4;

    /// <summary>Attempts after the first for a step that is safe to repeat.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest Retry-After honoured; a registry asking for more gets its error reported.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The time any request gets, however small.</summary>
    public TimeSpan MinimumTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The slowest transfer rate tolerated: a blob's timeout grows with its size at this rate.</summary>
    public long MinimumBytesPerSecond { get; init; } = 256 * 1024;

    /// <summary>The part of an upload sent per PATCH when the registry asks for chunks and names no minimum.</summary>
    public long ChunkSize { get; init; } = 16L << 20;

    /// <summary>How long one request may take to move <paramref name="bytes"/>.</summary>
    public TimeSpan TimeoutFor(long bytes) => MinimumTimeout + TimeSpan.FromSeconds((double)bytes / MinimumBytesPerSecond);
}

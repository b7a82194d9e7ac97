namespace Cybernode.Oci.Registry;

/// <summary>
/// The registry clients of one run, one per host, all built with the same options (authentication,
/// insecure hosts, limits), so every pull and push to a registry shares its connections, its
/// parallel-request limit and its record of blobs (<see cref="RegistryClient.Ledger"/>).
/// </summary>
public sealed class Registries(RegistryClientOptions options) : IDisposable
{
    private readonly Dictionary<string, RegistryClient> _clients = new(StringComparer.Ordinal);

    public RegistryClientOptions Options => options;

    public RegistryClient For(string host)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(host, out var client))
            {
                client = new RegistryClient(RegistryEndpoint.For(host, options.InsecureHosts), options);
                _clients[host] = client;
            }

            return client;
        }
    }

    /// <summary>Closes the clients and keeps what they learnt about where blobs are (<see cref="RegistryClientOptions.BlobLocations"/>).</summary>
    public void Dispose()
    {
        options.BlobLocations?.Save();
        lock (_clients)
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// The key a registry's credentials are filed under in docker's config.json and its credential
/// helpers, normalised as docker does: Docker Hub under <see cref="DockerHub"/>, any other
/// registry under its host[:port], whether the entry was written with a scheme and path or not.
/// </summary>
public static class RegistryHostKey
{
    /// <summary>Docker Hub's key, kept from the v1 API for compatibility with every docker client.</summary>
    public const string DockerHub = "https://index.docker.io/v1/";

    private static readonly string[] DockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    /// <summary>The config key of <paramref name="registry"/>: a host, host:port, or URL.</summary>
    public static string Of(string registry)
    {
        var host = Hostname(registry);
        return IsDockerHub(host) ? DockerHub : host;
    }

    /// <summary>host[:port] of a key as written in config.json: "https://HOST/v1/", "http://HOST", "HOST".</summary>
    public static string Hostname(string key)
    {
        var rest = key.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? rest[..slash] : rest).ToLowerInvariant();
    }

    public static bool IsDockerHub(string hostname) => DockerHubHosts.Contains(hostname, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether two keys as written name the same registry.</summary>
    public static bool Same(string written, string key) => Of(written) == Of(key);
}

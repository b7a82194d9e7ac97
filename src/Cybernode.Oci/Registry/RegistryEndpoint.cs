using System.Net;

namespace Cybernode.Oci.Registry;

/// <summary>
/// Where a registry answers: its host as references name it and the base address of its API.
/// Plain HTTP only for loopback hosts or hosts the caller lists as insecure, HTTPS for the rest,
/// so a typo cannot send an image (or a credential) in the clear across a network.
/// </summary>
public sealed record RegistryEndpoint(string Host, Uri BaseAddress)
{
    /// <summary>Docker Hub: references say docker.io, its API lives elsewhere.</summary>
    public const string DockerHub = "docker.io";

    private const string DockerHubApi = "registry-1.docker.io";

    public bool IsPlainHttp => BaseAddress.Scheme == Uri.UriSchemeHttp;

    public static RegistryEndpoint For(string host, IReadOnlySet<string>? insecureHosts = null)
    {
        var api = host == DockerHub ? DockerHubApi : host;
        var plain = IsLoopback(host) || (insecureHosts?.Contains(host) ?? false);
        return new RegistryEndpoint(host, new Uri($"{(plain ? "http" : "https")}://{api}/"));
    }

    /// <summary>localhost, 127.0.0.0/8 and ::1, with or without a port.</summary>
    public static bool IsLoopback(string host)
    {
        var name = HostWithoutPort(host);
        return name == "localhost" || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    public override string ToString() => Host;

    private static string HostWithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? host : host[..(close + 1)];
        }

        var colon = host.LastIndexOf(':');
        return colon < 0 ? host : host[..colon];
    }
}

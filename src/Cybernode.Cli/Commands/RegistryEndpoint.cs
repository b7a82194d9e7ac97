using Cybernode.Oci.Registry.Auth;

namespace Cybernode.Cli.Commands;

/// <summary>The base URI of a registry's API: HTTPS, except plain HTTP to a registry on this machine.</summary>
public static class RegistryEndpoint
{
    public static Uri BaseUri(string host)
    {
        var name = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        return new Uri($"{(PlainHttp.IsLoopback(name) ? "http" : "https")}://{host}/v2/");
    }
}

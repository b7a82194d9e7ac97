using System.Net;

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// Where secrets may travel unencrypted: only to this machine. A password or token bound for any
/// other host over plain HTTP is refused before anything is sent.
/// </summary>
public static class PlainHttp
{
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Throws unless <paramref name="uri"/> is HTTPS or reaches a loopback host.</summary>
    public static void RefuseSecrets(string registry, Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttps && !IsLoopback(uri.Host))
        {
            throw new RegistryAuthException(
                $"{registry}: refusing to send credentials over plain HTTP to {uri.Authority}",
                "use the registry over HTTPS; plain HTTP carries credentials only to this machine (127.0.0.1, localhost)");
        }
    }
}

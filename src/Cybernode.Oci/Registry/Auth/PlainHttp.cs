namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// Where secrets may travel unencrypted: only to this machine. A password or token bound for any
/// other host over plain HTTP is refused before anything is sent.
/// </summary>
public static class PlainHttp
{
    /// <summary>Throws unless <paramref name="uri"/> is HTTPS or reaches a loopback host.</summary>
    public static void RefuseSecrets(string registry, Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttps && !RegistryEndpoint.IsLoopback(uri.Host))
        {
            throw new RegistryException(
                $"{registry}: refusing to send credentials over plain HTTP to {uri.Authority}",
                "use the registry over HTTPS; plain HTTP carries credentials only to this machine (127.0.0.1, localhost)");
        }
    }
}

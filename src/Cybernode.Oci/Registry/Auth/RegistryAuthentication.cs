namespace Cybernode.Oci.Registry.Auth;

/// <summary>The one place registry clients get their authentication: docker's logins through <see cref="RegistryAuthHandler"/>.</summary>
public static class RegistryAuthentication
{
    /// <summary>For <see cref="RegistryClientOptions.Authentication"/>: each registry's requests answer its challenges with the logins of <paramref name="credentials"/>.</summary>
    public static Func<RegistryEndpoint, HttpMessageHandler, HttpMessageHandler> From(DockerCredentials credentials) =>
        (_, network) => new RegistryAuthHandler(credentials) { InnerHandler = network };
}

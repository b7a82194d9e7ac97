namespace Cybernode.Oci.Registry.Auth;

/// <summary>The one place registry clients get their authentication: docker's logins through <see cref="RegistryAuthHandler"/>.</summary>
public static class RegistryAuthentication
{
    /// <summary>
    /// For <see cref="RegistryClientOptions.Authentication"/>: each registry's challenges answered with
    /// the logins of $DOCKER_CONFIG/config.json, read when a registry first asks for one (a run that
    /// meets no challenge never reads it).
    /// </summary>
    public static Func<RegistryEndpoint, HttpMessageHandler, HttpMessageHandler> FromDockerConfig()
    {
        var credentials = new Lazy<Task<DockerCredentials>>(() => DockerCredentials.LoadAsync(CancellationToken.None));
        return (_, network) => new RegistryAuthHandler(async (registry, cancellationToken) =>
            await (await credentials.Value).GetAsync(registry, cancellationToken))
        {
            InnerHandler = network,
        };
    }
}

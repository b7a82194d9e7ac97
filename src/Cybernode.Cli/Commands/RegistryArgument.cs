using System.CommandLine;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Registry.Auth;

namespace Cybernode.Cli.Commands;

/// <summary>The SERVER argument of login and logout: a registry host[:port] or URL, Docker Hub when left out.</summary>
public static class RegistryArgument
{
    public const string DockerHub = "docker.io";

    public static Argument<string> Create() => new("SERVER")
    {
        Description = "The registry: host[:port]",
        DefaultValueFactory = _ => DockerHub,
    };

    /// <summary>Where the registry's API answers: HTTPS, or plain HTTP on this machine or where <paramref name="insecure"/> allows it.</summary>
    public static RegistryEndpoint Endpoint(string server, InsecureRegistries? insecure = null) =>
        RegistryEndpoint.For(Shown(server), insecure?.For(Shown(server)));

    /// <summary>The name the user knows the registry by, for messages: "docker.io" or host[:port].</summary>
    public static string Shown(string server)
    {
        var host = RegistryHostKey.Hostname(server);
        return RegistryHostKey.IsDockerHub(host) ? DockerHub : host;
    }
}

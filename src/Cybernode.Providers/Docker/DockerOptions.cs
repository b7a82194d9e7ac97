namespace Cybernode.Providers.Docker;

public sealed record DockerOptions
{
    /// <summary>The docker client: a name looked up on PATH, or a path such as /usr/bin/docker.</summary>
    public string Program { get; init; } = "docker";

    /// <summary>The daemon address (DOCKER_HOST); null keeps whatever the environment says.</summary>
    public string? Host { get; init; }

    /// <summary>Variables set for every docker command (a null value removes one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Add :z to bind mounts; null decides by whether SELinux enforces here.</summary>
    public bool? RelabelMounts { get; init; }
}

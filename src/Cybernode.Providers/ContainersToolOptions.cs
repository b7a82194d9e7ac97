namespace Cybernode.Providers;

/// <summary>How to run podman or buildah: both keep images in containers/storage and read containers.conf.</summary>
public sealed record ContainersToolOptions
{
    /// <summary>The program: a name looked up on PATH, or a path; null means podman or buildah.</summary>
    public string? Program { get; init; }

    /// <summary>Storage root (--root); null keeps the engine's default.</summary>
    public string? Root { get; init; }

    /// <summary>State folder (--runroot); null keeps the engine's default.</summary>
    public string? RunRoot { get; init; }

    /// <summary>A containers.conf to use (CONTAINERS_CONF), for example one that sets default_ulimits.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Variables set for every command (a null value removes one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Add :z to bind mounts; null decides by whether SELinux enforces here.</summary>
    public bool? RelabelMounts { get; init; }

    /// <summary>The OCI runtime buildah runs build containers with; cybernode keeps its state to clean up after a cancelled run.</summary>
    public string Runtime { get; init; } = "runc";

    /// <summary>buildah has no named volumes: a cache volume is a folder under here. Null means ~/.cache/cybernode/volumes.</summary>
    public string? CacheRoot { get; init; }

    internal IReadOnlyList<string> GlobalArguments() =>
        [.. Root is null ? [] : new[] { "--root", Root }, .. RunRoot is null ? [] : new[] { "--runroot", RunRoot }];

    internal Dictionary<string, string?> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string?>(Environment);
        if (ConfigFile is not null)
        {
            environment["CONTAINERS_CONF"] = ConfigFile;
        }

        return environment;
    }
}

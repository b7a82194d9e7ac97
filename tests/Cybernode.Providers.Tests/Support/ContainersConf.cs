namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// The containers.conf podman and buildah need on these machines: root lacks CAP_SYS_RESOURCE, so
/// without fixed ulimits every run fails with "setrlimit RLIMIT_NOFILE: Operation not permitted".
/// </summary>
public static class ContainersConf
{
    public const string Working = """
        [containers]
        default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

        [engine]
        cgroup_manager = "cgroupfs"
        runtime = "runc"
        """;

    /// <summary>
    /// Storage in <paramref name="folder"/>, given through CONTAINERS_STORAGE_CONF rather than --root, so
    /// the CLI's own podman and buildah commands see the same storage the same way: a storage made
    /// with --root and then used through storage.conf makes every podman run --rm wait 20 s to exit.
    /// </summary>
    public static ContainersToolOptions OptionsIn(TempFolder folder)
    {
        var config = folder.Combine("containers.conf");
        File.WriteAllText(config, Working);
        var storage = folder.Combine("storage.conf");
        File.WriteAllText(storage, $"[storage]\ndriver = \"overlay\"\ngraphroot = \"{folder.Combine("root")}\"\nrunroot = \"{folder.Combine("runroot")}\"\n");
        return new ContainersToolOptions
        {
            ConfigFile = config,
            CacheRoot = folder.Combine("volumes"),
            Environment = new Dictionary<string, string?> { ["CONTAINERS_STORAGE_CONF"] = storage },
        };
    }
}

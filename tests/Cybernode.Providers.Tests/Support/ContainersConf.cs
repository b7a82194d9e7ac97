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

    public static ContainersToolOptions OptionsIn(TempFolder folder)
    {
        var config = folder.Combine("containers.conf");
        File.WriteAllText(config, Working);
        return new ContainersToolOptions
        {
            Root = folder.Combine("root"),
            RunRoot = folder.Combine("runroot"),
            ConfigFile = config,
            CacheRoot = folder.Combine("volumes"),
        };
    }
}

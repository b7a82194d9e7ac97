namespace Cybernode.Testing;

/// <summary>
/// The containers.conf podman and buildah need on these machines, with what they write (events,
/// copies) kept in the test's folder, but not their network configuration: netavark serialises its
/// iptables changes with a lock in that folder, and runs of parallel tests with folders of their own
/// fail on each other's rules ("unable to append rule ... to table 'nat'"). Root here lacks CAP_SYS_RESOURCE, so without
/// fixed ulimits every run fails with "setrlimit RLIMIT_NOFILE: Operation not permitted", and the
/// cgroups are hybrid, where only cgroupfs with runc works. ./run-tests writes the same for the suite.
/// </summary>
public static class ContainersConf
{
    public const string FileName = "containers.conf";

    public const string RegistriesFileName = "registries.conf";

    /// <summary>
    /// Writes containers.conf and a registries.conf that never expands short names (no registry
    /// outside is reachable) into <paramref name="folder"/>; returns the containers.conf path.
    /// </summary>
    public static string WriteTo(string folder)
    {
        var tmp = Path.Combine(folder, "tmp");
        Directory.CreateDirectory(tmp);
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, $"""
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

            [engine]
            cgroup_manager = "cgroupfs"
            runtime = "runc"
            events_logger = "file"
            events_logfile_path = "{Path.Combine(folder, "events.log")}"
            image_copy_tmp_dir = "{tmp}"

            """);
        File.WriteAllText(Path.Combine(folder, RegistriesFileName), "unqualified-search-registries = []\n");
        return path;
    }
}

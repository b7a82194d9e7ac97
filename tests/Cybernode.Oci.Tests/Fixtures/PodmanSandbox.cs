namespace Cybernode.Oci.Tests.Fixtures;

/// <summary>
/// podman with its own storage in a temp folder, and the containers.conf this kind of machine needs
/// (root without CAP_SYS_RESOURCE cannot raise RLIMIT_NOFILE; cgroups are hybrid).
/// </summary>
public sealed class PodmanSandbox : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string> _environment;

    public PodmanSandbox()
    {
        ExternalTool.Require("podman");
        var conf = _folder.Combine("containers.conf");
        File.WriteAllText(conf, """
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

            [engine]
            cgroup_manager = "cgroupfs"
            runtime = "runc"
            """);
        _environment = new() { ["CONTAINERS_CONF"] = conf };
    }

    public Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExternalTool.RunAsync(
            "podman",
            ["--root", _folder.Combine("root"), "--runroot", _folder.Combine("run"), "--storage-driver", "vfs", .. arguments],
            cancellationToken,
            _environment);

    /// <summary>Loads an archive and returns the names podman gives the images it now holds.</summary>
    public async Task<IReadOnlyList<string>> LoadAsync(string archive, CancellationToken cancellationToken)
    {
        await RunAsync(cancellationToken, "load", "-i", archive);
        var names = await RunAsync(cancellationToken, "images", "--format", "{{.Repository}}:{{.Tag}}");
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public void Dispose() => _folder.Dispose();
}

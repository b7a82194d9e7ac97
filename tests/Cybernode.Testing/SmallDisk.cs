namespace Cybernode.Testing;

/// <summary>
/// A 2 MiB tmpfs mounted for one test, to fill a disk for real; unmounted on dispose. Mounting
/// needs root: elsewhere the test is skipped, under CI it fails.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static async Task<SmallDisk> MountAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        var mount = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", path], cancellationToken: cancellationToken);
        RequiredTool.Require(mount.Succeeded ? null : $"cannot mount a tmpfs (needs root): {mount.StandardError.Trim()}");

        return new SmallDisk(path);
    }

    public void Dispose() => ProcessRunner.RunAsync("umount", [Path]).GetAwaiter().GetResult();
}

namespace Cybernode.Providers.Engines;

/// <summary>The <c>--volume</c>, <c>--network</c> and <c>--env</c> arguments of a build run, which docker run, podman run and buildah run spell alike.</summary>
internal static class RunMounts
{
    /// <param name="cacheFolder">Where a named cache lives: the volume name itself for engines with volumes, a folder for buildah.</param>
    /// <param name="relabel">Add SELinux's :z, so the container may use what it mounts.</param>
    public static List<string> For(RunBuildRequest request, Func<string, string> cacheFolder, bool relabel)
    {
        var suffix = relabel ? ":z" : "";
        var arguments = new List<string> { "--volume", $"{request.OutputDirectory}:{RunBuildRequest.BuildMountPath}{suffix}" };
        foreach (var (volume, path) in request.CacheVolumes)
        {
            arguments.AddRange(["--volume", $"{cacheFolder(volume)}:{path}{suffix}"]);
        }

        // Read-only, so a build run cannot change a secret for the next service; the file is a private copy, so relabeling it touches nothing of the user's.
        foreach (var (id, file) in request.Secrets)
        {
            arguments.AddRange(["--volume", $"{file}:{BuildSecret.MountFolder}/{id}:ro{(relabel ? ",z" : "")}"]);
        }

        if (request.NoNetwork)
        {
            arguments.AddRange(["--network", "none"]);
        }

        foreach (var (name, value) in request.Environment)
        {
            arguments.AddRange(["--env", $"{name}={value}"]);
        }

        return arguments;
    }
}

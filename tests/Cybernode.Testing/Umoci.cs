namespace Cybernode.Testing;

/// <summary>Thin wrapper over umoci, which writes and reads OCI layouts without any daemon.</summary>
public static class Umoci
{
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var umoci = RequiredTool.Find("umoci", "umoci");
        return (await ProcessRunner.RunAsync(umoci, arguments, cancellationToken: cancellationToken)).EnsureSuccess();
    }

    /// <summary>Extracts an image into a runtime bundle (BUNDLE/rootfs plus config.json).</summary>
    public static Task UnpackAsync(OciLayoutImage image, string bundleDirectory, CancellationToken cancellationToken = default) =>
        RunAsync(["unpack", "--image", image.UmociReference, bundleDirectory], cancellationToken);
}

namespace Cybernode.Testing;

/// <summary>Thin wrapper over skopeo, the reference for moving images between transports.</summary>
public static class Skopeo
{
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        (await TryRunAsync(arguments, cancellationToken)).EnsureSuccess();

    /// <summary>Runs skopeo and returns what happened, for a test that expects it to fail.</summary>
    public static Task<ProcessResult> TryRunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(RequiredTool.Find("skopeo", "skopeo"), arguments, cancellationToken: cancellationToken);

    /// <summary>Copies between transports, e.g. `oci:DIR:TAG` to `oci-archive:FILE:NAME`.</summary>
    public static Task CopyAsync(string source, string destination, CancellationToken cancellationToken = default) =>
        RunAsync(["copy", "--quiet", source, destination], cancellationToken);

    /// <summary>The manifest exactly as stored.</summary>
    public static async Task<string> ManifestAsync(string reference, CancellationToken cancellationToken = default) =>
        (await RunAsync(["inspect", "--raw", reference], cancellationToken)).StandardOutput;

    /// <summary>The image configuration exactly as stored.</summary>
    public static async Task<string> ConfigAsync(string reference, CancellationToken cancellationToken = default) =>
        (await RunAsync(["inspect", "--config", "--raw", reference], cancellationToken)).StandardOutput;
}

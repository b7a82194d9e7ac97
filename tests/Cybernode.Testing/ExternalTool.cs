namespace Cybernode.Testing;

/// <summary>
/// Runs the independent tools (skopeo, umoci, tar, mkfifo) that check what this code writes, found
/// by <see cref="RequiredTool"/>: missing, the test skips on a developer machine and fails under CI.
/// </summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/> (Debian package of the same name), which must succeed; returns its standard output.</summary>
    public static async Task<string> RunAsync(
        string tool,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var options = new ProcessOptions { Environment = environment ?? new Dictionary<string, string?>() };
        var result = await ProcessRunner.RunAsync(RequiredTool.Find(tool, tool), arguments, options, cancellationToken);
        return result.EnsureSuccess().StandardOutput;
    }
}

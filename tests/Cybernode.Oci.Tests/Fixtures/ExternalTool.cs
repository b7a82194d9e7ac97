using System.Diagnostics;

namespace Cybernode.Oci.Tests.Fixtures;

/// <summary>
/// Runs the independent tools (skopeo, umoci, podman, tar) that check what this code writes. A test
/// that needs a missing tool is skipped on a developer machine but fails under CI, where a skip
/// would hide a broken check.
/// </summary>
public static class ExternalTool
{
    public static void Require(string tool)
    {
        if (Find(tool) is not null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail($"{tool} is not installed, and CI is set: CI must provide it");
        }

        Assert.Skip($"{tool} is not installed (apt-get install {tool}); under CI this fails instead");
    }

    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        Require(tool);
        var start = new ProcessStartInfo(Find(tool)!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}

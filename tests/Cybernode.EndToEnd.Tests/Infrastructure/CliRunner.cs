namespace Cybernode.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the built cybernode CLI as a user would: `dotnet cybernode.dll ARGS`.</summary>
public static class CliRunner
{
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        ProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (RepoPaths.NativeCli is { } native)
        {
            return ProcessRunner.RunAsync(native, arguments, options, cancellationToken);
        }

        if (!File.Exists(RepoPaths.CliDll))
        {
            throw new FileNotFoundException(
                $"The CLI is not built for {RepoPaths.Configuration}: run `dotnet build Cybernode.slnx -c {RepoPaths.Configuration}`.",
                RepoPaths.CliDll);
        }

        return ProcessRunner.RunAsync(DotnetHost(), [RepoPaths.CliDll, .. arguments], options, cancellationToken);
    }

    /// <summary>The program and arguments that run the CLI, for tests that start it themselves (to kill it, time it, or redirect its output).</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(IEnumerable<string> arguments) =>
        RepoPaths.NativeCli is { } native ? (native, [.. arguments]) : (DotnetHost(), [RepoPaths.CliDll, .. arguments]);

    // Prefer the host running these tests, so the CLI runs on the same runtime as they do.
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}

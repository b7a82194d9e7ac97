namespace Cybernode.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the built cybernode CLI as a user would: `dotnet cybernode.dll ARGS`.</summary>
public static class CliRunner
{
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        ProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var (program, all) = Command(arguments);
        return ProcessRunner.RunAsync(program, all, options, cancellationToken);
    }

    /// <summary>The program and arguments that run the CLI with <paramref name="arguments"/>; the CLI is that process itself.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(IEnumerable<string> arguments)
    {
        if (RepoPaths.NativeCli is { } native)
        {
            return (native, [.. arguments]);
        }

        if (!File.Exists(RepoPaths.CliDll))
        {
            throw new FileNotFoundException(
                $"The CLI is not built for {RepoPaths.Configuration}: run `dotnet build Cybernode.slnx -c {RepoPaths.Configuration}`.",
                RepoPaths.CliDll);
        }

        return (DotnetHost(), [RepoPaths.CliDll, .. arguments]);
    }

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

using System.Globalization;
using System.Text.Json;

namespace Cybernode.Testing;

/// <summary>
/// Runs the built CLI as a user would, as its own process (so exit codes and signals are real), with
/// an environment that cannot leak into the results: SOURCE_DATE_EPOCH and CYBERNODE_STORE are unset
/// unless a test sets them.
/// </summary>
public static class CybernodeCli
{
    // A build on a real engine takes minutes on a loaded machine; a hung CLI still ends the test.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <param name="environment">Variables on top of this process's; a null value removes one.</param>
    /// <param name="workingDirectory">The folder the CLI runs in; null keeps the test's own.</param>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null) =>
        RunAsync(
            arguments,
            new ProcessOptions
            {
                Environment = environment ?? new Dictionary<string, string?>(),
                WorkingDirectory = workingDirectory,
                Timeout = DefaultTimeout,
            },
            cancellationToken);

    /// <summary>Runs the CLI with everything <paramref name="options"/> offers (standard input, a timeout, a watcher of each line).</summary>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        ProcessOptions options,
        CancellationToken cancellationToken,
        CliForm form = CliForm.AsShipped)
    {
        var (program, all) = Command(arguments, form);
        return ProcessRunner.RunAsync(program, all, options with { Environment = Isolated(options.Environment) }, cancellationToken);
    }

    /// <summary>Runs a command that must succeed and print one JSON document; returns its root.</summary>
    public static async Task<JsonElement> JsonAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var result = (await RunAsync(arguments, cancellationToken, environment, workingDirectory)).EnsureSuccess();
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    /// <summary>`build WORKSPACE --json --store STORE ARGS`, which must build every service; returns name to digest.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> BuildAsync(
        string workspace,
        string store,
        CancellationToken cancellationToken,
        IEnumerable<string>? extraArguments = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var output = await JsonAsync(
            ["build", workspace, "--json", "--store", store, .. extraArguments ?? []], cancellationToken, environment);
        var services = output.GetProperty("services").EnumerateArray().ToList();
        services.ShouldAllBe(service => service.GetProperty("status").GetString() == "built");
        return services.ToDictionary(
            service => service.GetProperty("name").GetString()!,
            service => service.GetProperty("digest").GetString()!);
    }

    /// <summary>The program and arguments that run the CLI with <paramref name="arguments"/>; the CLI is that process itself.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(IEnumerable<string> arguments, CliForm form = CliForm.AsShipped)
    {
        if (form == CliForm.AsShipped && RepoPaths.NativeCli is { } native)
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

    /// <summary>Sends a signal (INT, TERM, KILL) to process <paramref name="pid"/> alone, as `kill -SIGNAL PID` does.</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does, to the process alone.</summary>
    public static void Interrupt(int pid) => Signal(pid, "INT");

    /// <summary>The variables a CLI run starts from: none of the caller's that change its results, then the test's own.</summary>
    public static IReadOnlyDictionary<string, string?> Isolated(IReadOnlyDictionary<string, string?> environment)
    {
        var variables = new Dictionary<string, string?>
        {
            ["SOURCE_DATE_EPOCH"] = null,
            ["CYBERNODE_STORE"] = null,
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return variables;
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

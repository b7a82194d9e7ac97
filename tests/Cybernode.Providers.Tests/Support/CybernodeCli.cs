using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Cybernode.Providers.Tests.Support;

/// <summary>Runs the built cybernode CLI as a user would, as its own process, so exit codes and signals are real.</summary>
public static class CybernodeCli
{
    private static readonly string Configuration =
        typeof(CybernodeCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string Dll { get; } = Path.Combine(Examples.RepositoryRoot, "src", "Cybernode.Cli", "bin", Configuration, "net10.0", "cybernode.dll");

    /// <summary>Runs cybernode with <paramref name="environment"/> on top of this process's (a null value removes a variable).</summary>
    /// <param name="onLine">Called with each stdout line as it comes, with the process id, e.g. to interrupt it.</param>
    /// <param name="onErrorLine">The same for each stderr line.</param>
    public static async Task<CliResult> RunAsync(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken,
        Action<int, string>? onLine = null,
        Action<int, string>? onErrorLine = null)
    {
        // ./run-tests names the native executable ./cybernode builds, so the CLI runs as users run it.
        var native = Environment.GetEnvironmentVariable("CYBERNODE_TEST_CLI");
        var start = string.IsNullOrEmpty(native) ? new ProcessStartInfo(DotnetHost(), [Dll, .. arguments]) : new ProcessStartInfo(native, arguments);

        // Set apart from the choice above: an initializer after the conditional would apply to the native branch only.
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }

            onLine?.Invoke(process.Id, e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            onErrorLine?.Invoke(process.Id, e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does, to the process alone.</summary>
    public static void Interrupt(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}

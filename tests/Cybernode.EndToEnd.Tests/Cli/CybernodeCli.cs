using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// Runs the built CLI with an environment that cannot leak into the results: SOURCE_DATE_EPOCH and
/// CYBERNODE_STORE are unset unless a test sets them.
/// </summary>
public static class CybernodeCli
{
    /// <param name="workingDirectory">The folder the CLI runs in; null keeps the test's own.</param>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["SOURCE_DATE_EPOCH"] = null,
            ["CYBERNODE_STORE"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return CliRunner.RunAsync(arguments, new ProcessOptions { Environment = variables, WorkingDirectory = workingDirectory }, cancellationToken);
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
}

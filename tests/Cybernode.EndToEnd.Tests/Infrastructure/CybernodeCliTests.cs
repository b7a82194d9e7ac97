namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class CybernodeCliTests
{
    [Fact]
    public async Task Runs_the_built_cli_with_arguments()
    {
        var result = await CybernodeCli.RunAsync(["--help"], cancellationToken: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.CommandLine.ShouldContain($"{RepoPaths.NativeCli ?? RepoPaths.CliDll} --help");
    }

    // The engine tests' runner once set the output redirection in an initializer bound to the native
    // branch of a `?:` only, so the dll form could not read what the CLI printed.
    [Fact]
    public async Task The_dll_form_captures_what_the_cli_prints_and_watches_each_line()
    {
        var lines = new List<string>();
        var options = new ProcessOptions { OnOutputLine = (_, line) => lines.Add(line) };

        var result = await CybernodeCli.RunAsync(["--help"], options, TestContext.Current.CancellationToken, CliForm.Dll);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.CommandLine.ShouldContain($"{RepoPaths.CliDll} --help");
        result.StandardOutput.ShouldContain("build");
        lines.ShouldNotBeEmpty();
        string.Join("", lines.Select(line => line + "\n")).ShouldBe(result.StandardOutput);
    }

    [Fact]
    public async Task A_run_starts_without_the_callers_store_or_source_date_epoch()
    {
        var variables = new Dictionary<string, string?> { ["CYBERNODE_STORE"] = "/nonexistent/store", ["SOURCE_DATE_EPOCH"] = "1" };

        CybernodeCli.Isolated(new Dictionary<string, string?>()).ShouldBe(variables.ToDictionary(pair => pair.Key, _ => (string?)null), ignoreOrder: true);
        CybernodeCli.Isolated(variables).ShouldBe(variables, ignoreOrder: true);
    }
}

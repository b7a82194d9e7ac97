namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class CliRunnerTests
{
    [Fact]
    public async Task Runs_the_built_cli_with_arguments()
    {
        var result = await CliRunner.RunAsync(["--help"], cancellationToken: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.CommandLine.ShouldContain($"{RepoPaths.NativeCli ?? RepoPaths.CliDll} --help");
    }
}

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>Every command and subcommand explains itself with --help; --version prints the version.</summary>
public class HelpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", "build", "images", "inspect", "export", "import", "dockerfile", "store", "--version")]
    [InlineData("build", "WORKSPACE", "SERVICE", "--json", "--store", "--build-arg", "--compression", "zstd")]
    [InlineData("images", "--json", "--store")]
    [InlineData("inspect", "REF", "--json", "--store")]
    [InlineData("export", "REF", "--output", "--format", "oci-archive", "docker-archive", "--store")]
    [InlineData("import", "SOURCE", "NAME", "oci:DIR", "docker-archive:FILE", "--store")]
    [InlineData("dockerfile", "dump", "lint")]
    [InlineData("dockerfile dump", "FILE")]
    [InlineData("dockerfile lint", "FILE", "--strict", "--json")]
    [InlineData("store", "verify", "gc")]
    [InlineData("store verify", "--json", "--store", "--workspace")]
    [InlineData("store gc", "--json", "--dry-run", "--store", "--workspace")]
    public async Task Help_exits_0_and_names_the_command_s_arguments_and_options(string command, params string[] expected)
    {
        var result = await CybernodeCli.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"], Token);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldContain("Usage:");
        foreach (var text in expected)
        {
            result.StandardOutput.ShouldContain(text, Case.Sensitive);
        }
    }

    [Fact]
    public async Task Version_exits_0_and_prints_a_semantic_version()
    {
        var result = await CybernodeCli.RunAsync(["--version"], Token);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldMatch(@"^\d+\.\d+\.\d+\S*\n$");
    }
}

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>Every command and subcommand explains itself with --help; --version prints the version.</summary>
public class HelpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", "build", "publish", "images", "inspect", "export", "import", "pull", "push", "dockerfile", "store", "completion", "help", "--version")]
    [InlineData("build", "WORKSPACE", "SERVICE", "--json", "--store", "--build-arg", "--compression", "zstd")]
    [InlineData("images", "--json", "--store")]
    [InlineData("publish", "WORKSPACE", "--registry", "HOST[:PORT]/PREFIX", "--json", "--store", "all-or-nothing")]
    [InlineData("build", "--push", "--registry")]
    [InlineData("inspect", "REF", "--json", "--store")]
    [InlineData("export", "REF", "--output", "--format", "oci-archive", "docker-archive", "--store")]
    [InlineData("import", "SOURCE", "NAME", "oci:DIR", "docker-archive:FILE", "docker://HOST", "--store")]
    [InlineData("pull", "REF", "--platform", "os/arch[/variant]", "--json", "--store")]
    [InlineData("push", "REF", "DEST", "--json", "--store")]
    [InlineData("dockerfile", "dump", "lint")]
    [InlineData("dockerfile dump", "FILE")]
    [InlineData("dockerfile lint", "FILE", "folder", "--strict", "--json")]
    [InlineData("completion", "SHELL", "bash", "zsh", "fish")]
    [InlineData("store", "verify", "gc")]
    [InlineData("store verify", "--json", "--store", "--workspace")]
    [InlineData("store gc", "--json", "--dry-run", "--store", "--workspace")]
    [InlineData("login", "SERVER", "--username", "--password-stdin", "docker.io")]
    [InlineData("logout", "SERVER", "docker.io")]
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

    [Theory]
    [InlineData("", "build", "Commands:")]
    [InlineData("help", "build", "Commands:")]
    [InlineData("help build", "--assembler", "SERVICE")]
    [InlineData("help store gc", "--dry-run", "--workspace")]
    [InlineData("store", "verify", "gc")]
    [InlineData("dockerfile", "dump", "lint")]
    public async Task Bare_cybernode_help_and_a_group_without_its_command_print_usage_and_exit_0(string command, params string[] expected)
    {
        var result = await CybernodeCli.RunAsync(command.Split(' ', StringSplitOptions.RemoveEmptyEntries), Token);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StandardError.ShouldBeEmpty();
        result.StandardOutput.ShouldContain("Usage:");
        foreach (var text in expected)
        {
            result.StandardOutput.ShouldContain(text, Case.Sensitive);
        }
    }

    [Theory]
    [InlineData("biuld", "cybernode: 'biuld' is not a cybernode command (did you mean build?)\nsee: cybernode --help\n")]
    [InlineData("store gcc", "cybernode: 'gcc' is not a cybernode store command (did you mean gc?)\nsee: cybernode store --help\n")]
    [InlineData("help biuld", "cybernode: 'biuld' is not a cybernode command (did you mean build?)\nsee: cybernode --help\n")]
    [InlineData("frobnicate --all", "cybernode: 'frobnicate' is not a cybernode command\nsee: cybernode --help\n")]
    [InlineData("build --jbos 3", "cybernode: cybernode build has no option '--jbos' (did you mean --jobs?)\nsee: cybernode build --help\n")]
    [InlineData("dockerfile lint --strcit Dockerfile", "cybernode: cybernode dockerfile lint has no option '--strcit' (did you mean --strict?)\nsee: cybernode dockerfile lint --help\n")]
    public async Task A_mistyped_command_or_option_is_one_error_with_the_nearest_name_and_that_command_s_help(string command, string error)
    {
        var result = await CybernodeCli.RunAsync(command.Split(' '), Token);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StandardError.ShouldBe(error);
        result.StandardOutput.ShouldBeEmpty();
    }

    [Fact]
    public async Task Jobs_help_states_the_rule_not_this_machine_s_core_count()
    {
        var result = await CybernodeCli.RunAsync(["build", "--help"], Token);

        var line = result.StandardOutput.Split('\n').Single(l => l.Contains("--jobs", StringComparison.Ordinal));
        line.ShouldContain("default: the number of cores");
        line.ShouldNotContain("[default:");
    }
}

using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// <c>cybernode completion bash|zsh|fish</c> loaded into the real shells, completing against the real
/// CLI: a folder on PATH holds a <c>cybernode</c> that runs the CLI under test.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("cybernode bu", "build")]
    [InlineData("cybernode ", "build\ncompletion\ndockerfile\ndoctor\ndu\nexport\ngraph\nhelp\nimages\nimport\ninspect\nlogin\nlogout\nprune\npublish\npull\npush\nrmi\nstore\ntag\nupdate")]
    [InlineData("cybernode store ", "gc\nverify")]
    [InlineData("cybernode build --prov", "--provider")]
    [InlineData("cybernode build --provider ", "auto\nbuildah\ndocker\npodman")]
    [InlineData("cybernode build --compression z", "zstd")]
    [InlineData("cybernode export x --format docker", "docker-archive")]
    [InlineData("cybernode completion ", "bash\nfish\nzsh")]
    [InlineData("cybernode build serv", "service-folder")]
    public async Task Bash_completes_commands_options_values_and_file_names(string line, string expected)
    {
        var script = await ScriptAsync("bash");
        var program = $$"""
            source {{script}}
            cd {{Workspace()}}
            COMP_LINE='{{line}}'
            COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<<"$COMP_LINE"
            [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _cybernode
            printf '%s\n' "${COMPREPLY[@]}" | sort
            """;

        var result = await ShellAsync("bash", ["-c", program]);

        result.StandardOutput.ShouldBe(expected + "\n");
    }

    [Theory]
    [InlineData("cybernode bu", "build")]
    [InlineData("cybernode build --provider ", "auto\nbuildah\ndocker\npodman")]
    [InlineData("cybernode store ", "gc\nverify")]
    [InlineData("cybernode build serv", "service-folder/")]
    public async Task Fish_completes_commands_values_and_file_names(string line, string expected)
    {
        RequiredTool.Find("fish", "fish");
        var script = await ScriptAsync("fish");
        var program = $"source {script}; cd {Workspace()}; complete -C '{line}' | string replace -r '\\t.*' '' | sort";

        var result = await ShellAsync("fish", ["-c", program]);

        result.StandardOutput.ShouldBe(expected + "\n");
    }

    [Theory]
    [InlineData("cybernode bu", "bu", "compadd build")]
    [InlineData("cybernode build --provider ", "", "compadd auto buildah docker podman")]
    [InlineData("cybernode build --no-c", "--no-c", "compadd --no-cache --no-cache-filter")]
    [InlineData("cybernode build ", "", "_files")]
    public async Task Zsh_offers_what_cybernode_suggests_or_files(string line, string prefix, string expected)
    {
        RequiredTool.Find("zsh", "zsh");
        var script = await ScriptAsync("zsh");

        // compadd, _files and compdef are stand-ins that print what the completion asked for:
        // they live in zsh's completion system, which needs an interactive terminal.
        var program = $$$"""
            compdef() { : }
            compadd() { [[ $1 == -- ]] && shift; print -r -- "compadd ${(j: :)${(o)@}}" }
            _files() { print -r -- _files }
            source {{{script}}}
            words=(${(z)"$(print -r -- '{{{line}}}')"})
            [[ '{{{line}}}' == *' ' ]] && words+=('')
            CURRENT=${#words}
            PREFIX='{{{prefix}}}'
            _cybernode
            """;

        var result = await ShellAsync("zsh", ["-c", program]);

        result.StandardOutput.ShouldBe(expected + "\n");
    }

    [Fact]
    public async Task An_unknown_shell_is_a_wrong_command_line()
    {
        var result = await CybernodeCli.RunAsync(["completion", "powershell"], Token);

        result.ShouldFailCleanly(2, "powershell", "see: cybernode completion --help");
    }

    // A workspace-like folder, so that a path argument has something to complete.
    private string Workspace()
    {
        var root = _folder.Combine("workspace");
        Directory.CreateDirectory(Path.Combine(root, "service-folder"));
        return root;
    }

    private async Task<string> ScriptAsync(string shell)
    {
        var result = (await CybernodeCli.RunAsync(["completion", shell], Token)).EnsureSuccess();
        var script = _folder.Combine($"cybernode.{shell}");
        await File.WriteAllTextAsync(script, result.StandardOutput, Token);
        return script;
    }

    // Runs the shell with a `cybernode` first on PATH that is the CLI under test.
    private async Task<ProcessResult> ShellAsync(string shell, IReadOnlyList<string> arguments)
    {
        var bin = Directory.CreateDirectory(_folder.Combine("bin")).FullName;
        var (cli, cliArguments) = CybernodeCli.Command([]);
        var launcher = Path.Combine(bin, "cybernode");
        var prefix = string.Join(' ', cliArguments.Prepend(cli).Select(word => $"'{word}'"));
        await File.WriteAllTextAsync(launcher, $"#!/bin/sh\nexec {prefix} \"$@\"\n", Token);
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new ProcessOptions
        {
            Environment = new Dictionary<string, string?> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}", ["HOME"] = _folder.Path },
        };
        return (await ProcessRunner.RunAsync(RequiredTool.Find(shell, shell), arguments, options, Token)).EnsureSuccess();
    }
}

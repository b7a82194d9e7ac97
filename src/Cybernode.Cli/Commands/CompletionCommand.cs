using System.CommandLine;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode completion bash|zsh|fish</c>: prints the shell's completion script (embedded from src/Cybernode.Cli/Completion).</summary>
public static class CompletionCommand
{
    private static readonly string[] Shells = ["bash", "zsh", "fish"];

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command(
            "completion",
            "Print the shell completion script: source <(cybernode completion bash) in ~/.bashrc, the same with zsh after compinit in ~/.zshrc; "
            + "for fish: cybernode completion fish > ~/.config/fish/completions/cybernode.fish")
        {
            shell,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var script = typeof(CompletionCommand).Assembly.GetManifestResourceStream($"cybernode.{parse.GetValue(shell)}")
                ?? throw new InvalidOperationException($"the {parse.GetValue(shell)} completion script is not embedded in this build");
            await using var output = Console.OpenStandardOutput();
            await script.CopyToAsync(output, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}

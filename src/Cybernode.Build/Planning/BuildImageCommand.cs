using Cybernode.Build.Assembly;
using Cybernode.Dockerfile.Instructions;

namespace Cybernode.Build.Planning;

/// <summary>
/// What running a build image would run, read from its Dockerfile-build without building it, so a
/// dry run can spell out the command for engines that need it (buildah run).
/// </summary>
public static class BuildImageCommand
{
    private static readonly string[] DefaultShell = ["/bin/sh", "-c"];

    /// <summary>The last stage's CMD, through its SHELL for the shell form; null when an ENTRYPOINT (or the base image) decides.</summary>
    public static IReadOnlyList<string>? Read(ParsedDockerfile dockerfile)
    {
        var stage = dockerfile.Model.Stages[^1];
        if (stage.Instructions.OfType<EntrypointInstruction>().Any())
        {
            return null;
        }

        var command = stage.Instructions.OfType<CmdInstruction>().LastOrDefault()?.Command;
        if (command is null)
        {
            return null;
        }

        var shell = stage.Instructions.OfType<ShellInstruction>().LastOrDefault()?.Words ?? DefaultShell;
        return command.IsExecForm ? command.Words : [.. shell, string.Join(' ', command.Words)];
    }
}

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>RUN. Heredoc bodies are on <see cref="Instruction.Node"/>.</summary>
/// <param name="Command">The command.</param>
/// <param name="Mounts">Every <c>--mount</c> value as written.</param>
/// <param name="Network"><c>--network</c>, or null.</param>
/// <param name="Security"><c>--security</c>, or null.</param>
public sealed record RunInstruction(
    InstructionNode Node,
    CommandLine Command,
    IReadOnlyList<string> Mounts,
    string? Network,
    string? Security) : Instruction(Node);

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>SHELL, always in JSON form.</summary>
public sealed record ShellInstruction(InstructionNode Node, IReadOnlyList<string> Words) : Instruction(Node);

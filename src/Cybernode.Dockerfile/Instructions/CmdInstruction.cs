using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>CMD.</summary>
public sealed record CmdInstruction(InstructionNode Node, CommandLine Command) : Instruction(Node);

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>WORKDIR.</summary>
public sealed record WorkdirInstruction(InstructionNode Node, string Path) : Instruction(Node);

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>USER <c>user[:group]</c>.</summary>
public sealed record UserInstruction(InstructionNode Node, string User) : Instruction(Node);

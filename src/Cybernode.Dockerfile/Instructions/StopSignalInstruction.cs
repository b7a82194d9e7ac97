using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>STOPSIGNAL.</summary>
public sealed record StopSignalInstruction(InstructionNode Node, string Signal) : Instruction(Node);

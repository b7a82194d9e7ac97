using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>EXPOSE, ports in the order written.</summary>
public sealed record ExposeInstruction(InstructionNode Node, IReadOnlyList<string> Ports) : Instruction(Node);

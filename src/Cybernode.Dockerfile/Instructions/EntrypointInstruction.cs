using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>ENTRYPOINT.</summary>
public sealed record EntrypointInstruction(InstructionNode Node, CommandLine Command) : Instruction(Node);

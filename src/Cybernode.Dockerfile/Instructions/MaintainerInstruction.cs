using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>MAINTAINER (deprecated; recorded as the image author).</summary>
public sealed record MaintainerInstruction(InstructionNode Node, string Name) : Instruction(Node);

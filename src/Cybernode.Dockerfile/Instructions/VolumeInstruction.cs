using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>VOLUME, from a JSON array or space-separated paths.</summary>
public sealed record VolumeInstruction(InstructionNode Node, IReadOnlyList<string> Paths) : Instruction(Node);

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary><c>FROM [--platform=P] IMAGE [AS name]</c>.</summary>
/// <param name="Image">The base image or earlier stage, as written.</param>
/// <param name="StageName">The <c>AS</c> name in lower case (stage references are case-insensitive), or null.</param>
/// <param name="Platform">The <c>--platform</c> value as written, or null.</param>
public sealed record FromInstruction(InstructionNode Node, string Image, string? StageName, string? Platform)
    : Instruction(Node);

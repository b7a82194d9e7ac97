using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary><c>ARG name[=default] ...</c>.</summary>
public sealed record ArgInstruction(InstructionNode Node, IReadOnlyList<ArgDefinition> Arguments) : Instruction(Node);

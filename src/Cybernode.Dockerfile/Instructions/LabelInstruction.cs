using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary><c>LABEL k=v ...</c> or the legacy <c>LABEL k v</c>; values unexpanded, quotes kept.</summary>
public sealed record LabelInstruction(InstructionNode Node, IReadOnlyList<KeyValuePair<string, string>> Variables)
    : Instruction(Node);

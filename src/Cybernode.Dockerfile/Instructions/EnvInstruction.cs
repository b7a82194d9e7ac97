using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary><c>ENV k=v ...</c> or the legacy <c>ENV k v</c>; values unexpanded, quotes kept.</summary>
public sealed record EnvInstruction(InstructionNode Node, IReadOnlyList<KeyValuePair<string, string>> Variables)
    : Instruction(Node);

using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>
/// A checked, typed instruction. Values are kept as written (quotes and <c>$VAR</c> references
/// included); expansion happens later, against the ARG and ENV state of the build.
/// </summary>
/// <param name="Node">The parsed node it came from, with its location.</param>
public abstract record Instruction(InstructionNode Node);

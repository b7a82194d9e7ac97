using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>ONBUILD.</summary>
/// <param name="Inner">The trigger, checked like any other instruction.</param>
/// <param name="TriggerText">
/// What the image config's <c>OnBuild</c> list records: the text after <c>ONBUILD</c>, followed by
/// each heredoc body and its terminator, e.g. <c>RUN echo hi</c>.
/// </param>
public sealed record OnbuildInstruction(InstructionNode Node, Instruction Inner, string TriggerText) : Instruction(Node);

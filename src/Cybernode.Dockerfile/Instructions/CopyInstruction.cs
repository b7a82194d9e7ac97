using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>COPY or ADD.</summary>
/// <param name="IsAdd">True for ADD.</param>
/// <param name="Sources">Source paths or URLs as written; heredoc sources are in <paramref name="Heredocs"/> instead.</param>
/// <param name="Destination">The destination as written.</param>
/// <param name="From">COPY <c>--from</c>, or null.</param>
/// <param name="Chown"><c>--chown</c>, or null.</param>
/// <param name="Chmod"><c>--chmod</c>, or null.</param>
/// <param name="Link"><c>--link</c>.</param>
/// <param name="Excludes">Every <c>--exclude</c> pattern.</param>
/// <param name="Parents">COPY <c>--parents</c>.</param>
/// <param name="KeepGitDir">ADD <c>--keep-git-dir</c>.</param>
/// <param name="Checksum">ADD <c>--checksum</c>, or null.</param>
/// <param name="Heredocs">Inline sources written as heredocs, in source order; the file name is the heredoc name.</param>
public sealed record CopyInstruction(
    InstructionNode Node,
    bool IsAdd,
    IReadOnlyList<string> Sources,
    string Destination,
    string? From,
    string? Chown,
    string? Chmod,
    bool Link,
    IReadOnlyList<string> Excludes,
    bool Parents,
    bool KeepGitDir,
    string? Checksum,
    IReadOnlyList<Heredoc> Heredocs) : Instruction(Node);

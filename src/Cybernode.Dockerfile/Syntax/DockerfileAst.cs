namespace Cybernode.Dockerfile.Syntax;

/// <summary>The result of parsing a Dockerfile: directives, instructions in order, and parse warnings.</summary>
public sealed record DockerfileAst(
    IReadOnlyList<ParserDirective> Directives,
    char EscapeToken,
    IReadOnlyList<InstructionNode> Instructions,
    IReadOnlyList<ParseWarning> Warnings)
{
    /// <summary>The name the text was parsed under, used when later stages report errors.</summary>
    public string? FileName { get; init; }
}

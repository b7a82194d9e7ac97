namespace Cybernode.Dockerfile.Syntax;

/// <summary>A parser directive such as <c># syntax=...</c>, <c># escape=`</c> or <c># check=skip=...</c>.</summary>
/// <param name="Name">The directive name in lower case.</param>
/// <param name="Value">The value with surrounding white space removed.</param>
/// <param name="Line">1-based line of the directive.</param>
public sealed record ParserDirective(string Name, string Value, int Line);

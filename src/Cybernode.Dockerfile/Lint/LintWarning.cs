namespace Cybernode.Dockerfile.Lint;

/// <summary>One finding of a BuildKit build check.</summary>
/// <param name="Check">BuildKit's check name, e.g. <c>JSONArgsRecommended</c>.</param>
/// <param name="Message">BuildKit's message text.</param>
/// <param name="FileName">The file, or null when unnamed.</param>
/// <param name="Line">1-based line.</param>
/// <param name="IsError">True when <c># check=error=true</c> asks for findings to fail the build.</param>
public sealed record LintWarning(string Check, string Message, string? FileName, int Line, bool IsError)
{
    /// <summary><c>file:line: [Check] message</c>.</summary>
    public override string ToString() => $"{FileName ?? "Dockerfile"}:{Line}: [{Check}] {Message}";
}
